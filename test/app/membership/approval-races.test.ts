import { describe, expect, it } from 'vitest';
import { decideMembership } from '../../../src/app/membership/decide-membership.js';
import { requestMembership } from '../../../src/app/membership/request-membership.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { keys } from '../../../src/storage/rows.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { HoldingStore, interleave } from '../../support/holding-store.js';
import { depsFor, personOf } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * Two people ask to act for one office and the SPK approves both at once (two SPK people, two
 * cards): the first approved represents the office, the second is its deputy — never two
 * representatives. The approval rests on the office's other rows as read; the one that read
 * before the other committed is decided again. On both stores.
 */
const body = makeBody({ voting: 3 });
const stores: [string, () => Promise<HoldingStore>][] = [
  ['in memory', async () => new HoldingStore(new InMemoryPartitionStore())],
  ['Azurite', async () => new HoldingStore(new TablePartitionStore(await tableClient(), 10_000))],
];
const person = (id: string) => ({ aadObjectId: id, displayName: id, principalNames: async () => [] });

describe.each(stores)('two approvals for one office at once (%s)', (_name, makeStore) => {
  it('the approval that read first is decided again: one representative, one deputy', async () => {
    const store = await makeStore();
    const deps = { ...depsFor(store, [body]), secretariatMembers: () => ['aad-spk'] };
    for (const id of ['aad-x', 'aad-y'])
      expect(
        (
          await requestMembership(deps, {
            bodyId: body.id,
            officeId: 'amt-2',
            person: person(id),
            activityId: `r-${id}`,
          })
        ).kind,
      ).toBe('requested');
    const approve = (id: string) =>
      decideMembership(deps, {
        bodyId: body.id,
        memberAadObjectId: id,
        shown: { officeId: 'amt-2', requestedAt: '' },
        approve: true,
        actor: personOf('spk'),
        activityId: `a-${id}`,
      });
    const { held, other } = await interleave(
      store,
      keys.body(body.id),
      () => approve('aad-x'),
      () => approve('aad-y'),
    );
    expect(held.kind).toBe('approved');
    expect(other.kind).toBe('approved');
    const roles = (await deps.store.members(body.id))
      .filter((m) => m.value.officeId === 'amt-2')
      .map((m) => [m.aadObjectId, m.value.role]);
    expect(roles.sort()).toEqual([
      ['aad-x', 'deputy'],
      ['aad-y', 'representative'],
    ]);
    // Each approval audited once.
    expect((await deps.store.bodyAudit(body.id)).filter((a) => a.action === 'member.approved')).toHaveLength(
      2,
    );
  });
});
