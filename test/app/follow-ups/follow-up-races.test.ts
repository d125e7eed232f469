import { describe, expect, it } from 'vitest';
import { addFollowUp, completeFollowUp } from '../../../src/app/follow-ups/follow-ups.js';
import { changeMembership } from '../../../src/app/membership/change-membership.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { HoldingStore, interleave } from '../../support/holding-store.js';
import { depsFor, FIXED_NOW, personOf, seedDecision, seedMember } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * "Erledigt" by the office's member rests on their membership as it was read: removed or moved
 * to another office between that read and the save, the click is decided again and refused —
 * the follow-up stays open — on both stores.
 */
const body = { ...makeBody({ voting: 4 }), secretariatMembers: ['aad-spk'] };
const stores: [string, () => Promise<HoldingStore>][] = [
  ['in memory', async () => new HoldingStore(new InMemoryPartitionStore())],
  ['Azurite', async () => new HoldingStore(new TablePartitionStore(await tableClient(), 10_000))],
];

describe.each(stores)('a follow-up done while its member is removed or moved (%s)', (_name, makeStore) => {
  async function openFollowUp(store: HoldingStore): Promise<{ deps: MembershipDeps; id: string }> {
    const deps = { ...depsFor(store, [body]), secretariatMembers: () => ['aad-spk'] };
    await seedDecision(deps.store, body);
    await seedMember(
      deps.store,
      body.id,
      { aadObjectId: 'aad-amt-2', officeId: 'amt-2', name: 'Amt 2', teamsUserId: '29:x' },
      FIXED_NOW,
    );
    const added = await addFollowUp(deps, {
      body,
      actor: personOf('spk'),
      ref: 'session/s/v-1',
      what: 'Kosten prüfen',
      officeId: 'amt-2',
      due: 'next',
      activityId: 'a1',
    });
    if (added.kind !== 'added') throw new Error(added.kind);
    return { deps, id: added.view.id };
  }

  for (const change of [
    { kind: 'remove' as const, memberAadObjectId: 'aad-amt-2', shownOfficeId: 'amt-2' },
    { kind: 'move' as const, memberAadObjectId: 'aad-amt-2', shownOfficeId: 'amt-2', toOfficeId: 'amt-3' },
  ])
    it(`${change.kind}: the click read the membership first, the change commits, the click is refused`, async () => {
      const store = await makeStore();
      const { deps, id } = await openFollowUp(store);
      const { held, other } = await interleave(
        store,
        keys.body(body.id),
        () =>
          completeFollowUp(deps, { body, id, actor: personOf('amt-2'), note: 'erledigt', activityId: 'd1' }),
        () => changeMembership(deps, { bodyId: body.id, change, actor: personOf('spk'), activityId: 'c1' }),
        keys.member('aad-amt-2'),
      );
      expect(other.kind).not.toBe('refused');
      expect(held).toEqual({ kind: 'refused', reason: 'notResponsible' });
      const stored = (await deps.store.followUps(body.id)).find((f) => f.id === id);
      expect(stored?.value.status).toBe('open');
      expect((await deps.store.bodyAudit(body.id)).some((a) => a.action === 'followUp.done')).toBe(false);
    });
});
