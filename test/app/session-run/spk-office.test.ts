import { describe, expect, it } from 'vitest';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import { loadBodies } from '../../../src/body-files.js';
import type { Body } from '../../../src/domain/body.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { depsFor, seedItem, seedSession } from '../../support/session-seed.js';

/**
 * The SPK's own people act for the SPK office (configured by object id, no membership row):
 * in the AG SRO Mitte the SPK office is a voting member (§3/§4), in the AG Planung and the UAG
 * Infrastruktur it advises.
 */
const bodies = new Map(loadBodies('bodies').map((b) => [b.id, b]));
const SPK_PERSON = '5a1d0c6e-5555-4a00-8000-00000000005b';
const SESSION = '2026-12-10-1000';

async function run(body: Body) {
  const deps = { ...depsFor(new InMemoryPartitionStore(), [body]), secretariatMembers: () => [SPK_PERSON] };
  await seedSession(deps, body, { sessionId: SESSION, voteId: 'seed' });
  await seedItem(deps, body.id, SESSION, {
    itemId: 'b1',
    title: 'Beschluss',
    officeId: body.secretariat,
    submittedBy: SPK_PERSON,
  });
  const checkedIn = await checkIn(deps, {
    bodyId: body.id,
    sessionId: SESSION,
    actorAadObjectId: SPK_PERSON,
    activityId: 'c',
  });
  const spk = { aadObjectId: SPK_PERSON, displayName: 'SPK', principalNames: async () => [] };
  const opened = await openVote(deps, {
    bodyId: body.id,
    sessionId: SESSION,
    itemNumber: 1,
    actor: spk,
    activityId: 'o',
  });
  if (opened.kind !== 'opened') throw new Error(opened.kind);
  const ballot = await castBallot(deps, {
    bodyId: body.id,
    sessionId: SESSION,
    voteId: opened.view.voteId,
    actorAadObjectId: SPK_PERSON,
    choice: 'yes',
    activityId: 'b',
  });
  return { checkedIn, electorate: opened.view.vote.electorate, ballot };
}

describe('the SPK office in the session', () => {
  it('AG SRO Mitte: the SPK is a voting member — present as voting, in the base, its ballot counts', async () => {
    const body = bodies.get('ag-sro-mitte') as Body;
    const { checkedIn, electorate, ballot } = await run(body);
    expect(checkedIn).toMatchObject({
      kind: 'checkedIn',
      attendance: { officeId: 'spk', capacity: 'voting' },
    });
    expect(electorate).toContain('spk');
    expect(ballot).toMatchObject({ kind: 'recorded', ballot: { officeId: 'spk', capacity: 'vote' } });
  });

  it.each(['ag-planung-steglitz-zehlendorf', 'uag-infrastruktur-mitte'])(
    '%s: the SPK advises — present as advisory, not in the base, its opinion apart',
    async (id) => {
      const body = bodies.get(id) as Body;
      const { checkedIn, electorate, ballot } = await run(body);
      expect(checkedIn).toMatchObject({
        kind: 'checkedIn',
        attendance: { officeId: body.secretariat, capacity: 'advisory' },
      });
      expect(electorate).not.toContain(body.secretariat);
      expect(ballot).toMatchObject({
        kind: 'recorded',
        ballot: { officeId: body.secretariat, capacity: 'advisory' },
      });
    },
  );
});
