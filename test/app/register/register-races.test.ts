import { describe, expect, it } from 'vitest';
import { addFollowUp, completeFollowUp } from '../../../src/app/follow-ups/follow-ups.js';
import type { SessionDeps } from '../../../src/app/shared/deps.js';
import { decisionLabel } from '../../../src/domain/filing.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import type { Decision } from '../../../src/ports/records.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { HoldingStore, interleave } from '../../support/holding-store.js';
import { audit, depsFor, FIXED_NOW, personOf, seedMember } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * The register's and the follow-ups' read-decide-write pairs, forced in both orders on both
 * stores: two decisions racing for the next number of a year, two clicks marking one follow-up
 * done. Whatever the order, numbers are distinct and in order, and the first note stands.
 */
const body = makeBody({ voting: 5 });
const stores: [string, () => Promise<HoldingStore>][] = [
  ['in memory', async () => new HoldingStore(new InMemoryPartitionStore())],
  ['Azurite', async () => new HoldingStore(new TablePartitionStore(await tableClient(), 10_000))],
];

const draft = (ref: string, title: string): Omit<Decision, 'number' | 'label'> => ({
  year: 2026,
  kind: 'vote',
  ref,
  sessionId: '2026-12-10-1000',
  title,
  text: '',
  outcome: 'adopted',
  counts: { yes: 3, no: 0, abstain: 0 },
  decidedAt: FIXED_NOW.toISOString(),
  ballots: [],
});

const register = (deps: SessionDeps, ref: string, title: string) =>
  deps.store.registerDecision(
    body.id,
    draft(ref, title),
    (n) => decisionLabel(body, 2026, n),
    audit('decision.registered'),
  );

describe.each(stores)('register and follow-up races (%s)', (_name, makeStore) => {
  const bodyPartition = keys.body(body.id);

  it.each([
    ['the first read before the second registered', 'a', 'b'],
    ['the second read before the first registered', 'b', 'a'],
  ])(
    'two decisions racing for the next number (%s): distinct numbers, none lost',
    async (_o, first, second) => {
      const store = await makeStore();
      const deps = depsFor(store, [body]);
      await register(deps, 'session/s/v-0', 'Vorher');
      const { held, other } = await interleave(
        store,
        bodyPartition,
        () => register(deps, `session/s/v-${first}`, first),
        () => register(deps, `session/s/v-${second}`, second),
      );
      // The one that ran through took 2; the held one read before it and takes 3 after a conflict.
      expect(other.number).toBe(2);
      expect(held.number).toBe(3);
      const all = await deps.store.decisions(body.id);
      expect(all.map((d) => d.number)).toEqual([1, 2, 3]);
      expect(all.map((d) => d.title)).toEqual(['Vorher', second, first]);
      // Registering one again returns its number.
      expect((await register(deps, `session/s/v-${first}`, first)).number).toBe(3);
    },
  );

  it('a follow-up marked done twice at once: one note stands, the other click is told it was done', async () => {
    const store = await makeStore();
    const deps = { ...depsFor(store, [body]), secretariatMembers: () => [personOf('spk').aadObjectId] };
    await register(deps, 'session/s/v-0', 'Kita Süd');
    for (const [aad, office] of [
      ['aad-amt-2', 'amt-2'],
      ['aad-amt-2-deputy', 'amt-2'],
    ] as const)
      await seedMember(
        deps.store,
        body.id,
        { aadObjectId: aad, officeId: office, name: aad, teamsUserId: `29:${aad}` },
        FIXED_NOW,
      );
    const added = await addFollowUp(deps, {
      body,
      actor: personOf('spk'),
      ref: 'session/s/v-0',
      what: 'Kosten prüfen',
      officeId: 'amt-2',
      due: 'next',
      activityId: 'add',
    });
    if (added.kind !== 'added') throw new Error(added.kind);
    const done = (aad: string, note: string) =>
      completeFollowUp(deps, {
        body,
        id: added.view.id,
        actor: { aadObjectId: aad, displayName: aad, principalNames: async () => [] },
        note,
        activityId: `done-${aad}`,
      });
    const { held, other } = await interleave(
      store,
      bodyPartition,
      () => done('aad-amt-2', 'erste Notiz'),
      () => done('aad-amt-2-deputy', 'zweite Notiz'),
    );
    expect(other).toMatchObject({ kind: 'done', already: false });
    expect(held).toMatchObject({ kind: 'done', already: true });
    const [row] = await deps.store.followUps(body.id);
    expect(row?.value).toMatchObject({
      status: 'done',
      doneNote: 'zweite Notiz',
      doneBy: 'aad-amt-2-deputy',
    });
    const audits = (await deps.store.bodyAudit(body.id)).filter((a) => a.action === 'followUp.done');
    expect(audits).toHaveLength(1);
  });
});
