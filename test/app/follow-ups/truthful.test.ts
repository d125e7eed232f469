import { describe, expect, it } from 'vitest';
import { addFollowUp, completeFollowUp } from '../../../src/app/follow-ups/follow-ups.js';
import { StorageUnavailableError } from '../../../src/ports/errors.js';
import type { GremienStore } from '../../../src/ports/gremien-store.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { depsFor, FIXED_NOW, personOf, seedDecision, seedMember } from '../../support/session-seed.js';

/**
 * Once a follow-up is stored, the answer says so: storage failing on a read after the write does
 * not turn a saved follow-up into "nicht gespeichert" (nor a done one into "schon erledigt").
 */
const body = { ...makeBody({ voting: 4 }), secretariatMembers: ['aad-spk'] };

function failingAfterWrite(store: GremienStore): GremienStore & { written: boolean } {
  const wrapped = Object.create(store) as GremienStore & { written: boolean };
  wrapped.written = false;
  wrapped.saveFollowUp = async (...args) => {
    await store.saveFollowUp(...args);
    wrapped.written = true;
  };
  wrapped.followUps = async (bodyId) => {
    if (wrapped.written) throw new StorageUnavailableError('followUps');
    return store.followUps(bodyId);
  };
  return wrapped;
}

describe('answers after a stored follow-up', () => {
  it('added and done are answered as such even when reading back fails', async () => {
    const deps = depsFor(new InMemoryPartitionStore(), [body]);
    await seedDecision(deps.store, body);
    await seedMember(
      deps.store,
      body.id,
      { aadObjectId: 'aad-amt-2', officeId: 'amt-2', name: 'x', teamsUserId: '29:x' },
      FIXED_NOW,
    );
    const flaky = failingAfterWrite(deps.store);
    const added = await addFollowUp(
      { ...deps, store: flaky },
      {
        body,
        actor: personOf('spk'),
        ref: 'session/s/v-1',
        what: 'Kosten prüfen',
        officeId: 'amt-2',
        due: 'next',
        activityId: 'a1',
      },
    );
    expect(added).toMatchObject({ kind: 'added', view: { row: { what: 'Kosten prüfen', status: 'open' } } });
    const id = added.kind === 'added' ? added.view.id : '';
    const flakyAgain = failingAfterWrite(deps.store);
    const done = await completeFollowUp(
      { ...deps, store: flakyAgain },
      { body, id, actor: personOf('amt-2'), note: 'erledigt', activityId: 'd1' },
    );
    expect(done).toMatchObject({
      kind: 'done',
      already: false,
      view: { row: { status: 'done', doneNote: 'erledigt' } },
    });
  });
});
