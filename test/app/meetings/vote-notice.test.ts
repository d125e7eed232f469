import { describe, expect, it } from 'vitest';
import { signFileLink, verifyFileLink } from '../../../src/app/files/signed-links.js';
import {
  NOTIFICATION_RECIPIENTS_MAX,
  signVotePage,
  VOTE_PAGE_LIFETIME_MS,
  verifyVotePage,
  voteNotice,
  votePage,
} from '../../../src/app/meetings/vote-notice.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { closeVote } from '../../../src/app/voting/close-vote.js';
import type { MeetingLinkRow } from '../../../src/ports/records.js';
import { makeBody } from '../../support/bodies.js';
import { teamsUserId } from '../../support/real-ids.js';
import {
  aadOf,
  audit,
  depsFor,
  FIXED_NOW,
  seedItem,
  seedMember,
  seedSession,
} from '../../support/session-seed.js';
import { partitionStores } from '../../support/stores.js';

/**
 * The in-meeting notification of a vote (#28): whom it goes to (the members on Teams of the
 * offices that may vote and have not), in which meetings (scheduled meetings linked to the
 * session and not ended), in groups Teams takes; and the page it shows, behind a link signed
 * for this purpose only.
 */
const body = makeBody({ voting: 12, commissioners: 1 });
const SESSION = '2026-12-10-a';
const at = { tenantId: 't', bodyId: body.id, sessionId: SESSION, voteId: 'v1' };
const SECRET = 'x'.repeat(43);
const SPK_PERSON = { aadObjectId: 'spk-person', displayName: 'SPK', principalNames: async () => [] };
const officeNo = (id: string) => Number(id.replace(/\D/g, ''));

describe.each(partitionStores)('the in-meeting notification of a vote (%s)', (_name, makeStore) => {
  async function session(): Promise<MembershipDeps> {
    const deps = { ...depsFor(await makeStore(), [body]), secretariatMembers: () => ['spk-person'] };
    // Members on Teams, except amt-12's (nobody on Teams: the SPK records its ballot).
    for (const o of body.offices.filter((o) => o.id !== 'amt-12'))
      await seedMember(
        deps.store,
        body.id,
        { aadObjectId: aadOf(o.id), officeId: o.id, name: o.name, teamsUserId: teamsUserId(officeNo(o.id)) },
        FIXED_NOW,
      );
    // A second person of amt-1, not approved yet.
    await deps.store.saveMember(
      body.id,
      'aad-pending',
      {
        officeId: 'amt-1',
        status: 'pending',
        role: 'deputy',
        displayName: 'X',
        since: FIXED_NOW.toISOString(),
        teamsUserId: teamsUserId(99),
      },
      undefined,
      audit('member.requested'),
    );
    await seedSession(deps, body, { sessionId: SESSION });
    await seedItem(deps, body.id, SESSION, { itemId: 'item-1', title: 'Spielplatz <Süd>' });
    return deps;
  }
  const link = (meetingId: string, changes: Partial<MeetingLinkRow> = {}): MeetingLinkRow => ({
    tenantId: 't',
    meetingId,
    bodyId: body.id,
    sessionId: SESSION,
    kind: 'chat',
    conversationId: `19:meeting_${meetingId}@thread.v2`,
    linkedBy: 'amt-1',
    linkedAt: FIXED_NOW.toISOString(),
    startedAt: FIXED_NOW.toISOString(),
    endedAt: '',
    ...changes,
  });

  it('no linked meeting: nobody is notified', async () => {
    const deps = await session();
    expect(await voteNotice(deps, at)).toEqual({ kind: 'none' });
  });

  it('the approved members on Teams of the offices that may vote and have not, in groups of ten', async () => {
    const deps = await session();
    await deps.store.linkMeeting(link('m-1'), audit('session.meetingLinked'));
    await castBallot(deps, { ...at, actorAadObjectId: aadOf('amt-3'), choice: 'yes', activityId: 'b1' });
    const notice = await voteNotice(deps, at);
    if (notice.kind !== 'notify') throw new Error('expected a notice');
    expect(notice.meetingIds).toEqual(['m-1']);
    const recipients = notice.batches.flat();
    // 12 voting offices: amt-3 has voted, amt-12 is not on Teams, the pending person is no member,
    // the commissioner does not vote.
    const expected = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => teamsUserId(n));
    expect([...recipients].sort()).toEqual([...expected].sort());
    expect(notice.batches.every((b) => b.length <= NOTIFICATION_RECIPIENTS_MAX)).toBe(true);
    expect(notice.claim).toEqual({
      bodyId: body.id,
      sessionId: SESSION,
      voteId: 'v1',
      exp: expect.any(Number),
    });
    expect(notice.claim.exp - deps.clock.now().getTime()).toBeGreaterThan(VOTE_PAGE_LIFETIME_MS - 1000);
  });

  it('more people than Teams takes at once: every one in exactly one group', async () => {
    const deps = await session();
    await deps.store.linkMeeting(link('m-1'), audit('session.meetingLinked'));
    for (let i = 1; i <= 14; i++)
      await seedMember(
        deps.store,
        body.id,
        {
          aadObjectId: `aad-deputy-${i}`,
          officeId: `amt-${(i % 11) + 1}`,
          name: `D ${i}`,
          teamsUserId: teamsUserId(200 + i),
        },
        FIXED_NOW,
      );
    const notice = await voteNotice(deps, at);
    if (notice.kind !== 'notify') throw new Error('expected a notice');
    const all = notice.batches.flat();
    expect(all).toHaveLength(11 + 14);
    expect(new Set(all).size).toBe(all.length);
    expect(notice.batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  it('an ended meeting, a meeting of another session: none', async () => {
    const deps = await session();
    await deps.store.linkMeeting(
      link('m-ended', { endedAt: FIXED_NOW.toISOString() }),
      audit('session.meetingLinked'),
    );
    await deps.store.linkMeeting(
      link('m-other', { sessionId: '2026-12-11-a' }),
      audit('session.meetingLinked'),
    );
    expect(await voteNotice(deps, at)).toEqual({ kind: 'none' });
  });

  it('a channel meeting (Teams targets nobody there): its conversation, for everyone in the meeting', async () => {
    const deps = await session();
    await deps.store.linkMeeting(
      link('m-channel', { kind: 'channel', conversationId: '19:ag@thread.tacv2;messageid=1795162844511' }),
      audit('session.meetingLinked'),
    );
    expect(await voteNotice(deps, at)).toMatchObject({
      kind: 'notify',
      meetingIds: [],
      channelMeetings: ['19:ag@thread.tacv2;messageid=1795162844511'],
    });
  });

  it('a vote no longer open, or unknown: none', async () => {
    const deps = await session();
    await deps.store.linkMeeting(link('m-1'), audit('session.meetingLinked'));
    expect(await voteNotice(deps, { ...at, voteId: 'v-unknown' })).toEqual({ kind: 'none' });
    expect(
      (
        await closeVote(deps, {
          bodyId: body.id,
          sessionId: SESSION,
          voteId: 'v1',
          actor: SPK_PERSON,
          activityId: 'c',
        })
      ).kind,
    ).not.toBe('refused');
    expect(await voteNotice(deps, at)).toEqual({ kind: 'none' });
  });

  it('the page: the vote, open or closed, how many offices voted, the result once announced', async () => {
    const deps = await session();
    const claim = { bodyId: body.id, sessionId: SESSION, voteId: 'v1', exp: FIXED_NOW.getTime() + 60_000 };
    expect(await votePage(deps, claim)).toEqual({
      bodyName: body.name,
      number: expect.any(Number),
      title: 'Spielplatz <Süd>',
      status: 'open',
      voted: 0,
      electorate: 12,
    });
    for (const office of ['amt-1', 'amt-2', 'amt-3'])
      await castBallot(deps, { ...at, actorAadObjectId: aadOf(office), choice: 'yes', activityId: office });
    // The same office again changes its ballot, not the count.
    await castBallot(deps, { ...at, actorAadObjectId: aadOf('amt-1'), choice: 'no', activityId: 'again' });
    expect(await votePage(deps, claim)).toMatchObject({ status: 'open', voted: 3 });
    await closeVote(deps, {
      bodyId: body.id,
      sessionId: SESSION,
      voteId: 'v1',
      actor: SPK_PERSON,
      activityId: 'c',
    });
    expect(await votePage(deps, claim)).toMatchObject({ status: 'closed', voted: 3, result: 'rejected' });
    expect(await votePage(deps, { ...claim, voteId: 'v-unknown' })).toBeUndefined();
    expect(await votePage(deps, { ...claim, bodyId: 'no-body' })).toBeUndefined();
  });
});

describe('the vote page link', () => {
  const claim = { bodyId: 'b', sessionId: 's', voteId: 'v', exp: FIXED_NOW.getTime() + 60_000 };

  it('opens until it expires, with the key it was signed with', () => {
    const token = signVotePage(SECRET, claim);
    expect(verifyVotePage(SECRET, token, FIXED_NOW)).toEqual(claim);
    expect(verifyVotePage(SECRET, token, new Date(claim.exp))).toBeUndefined();
    expect(verifyVotePage('y'.repeat(43), token, FIXED_NOW)).toBeUndefined();
  });

  it('a changed claim, or a token cut or extended, does not open', () => {
    const token = signVotePage(SECRET, claim);
    const [payload, sig] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...claim, voteId: 'other' })).toString('base64url');
    expect(verifyVotePage(SECRET, `${forged}.${sig}`, FIXED_NOW)).toBeUndefined();
    expect(verifyVotePage(SECRET, `${payload}.${sig}x`, FIXED_NOW)).toBeUndefined();
    expect(verifyVotePage(SECRET, payload, FIXED_NOW)).toBeUndefined();
  });

  it('a download link is no vote page link, and a vote page link no download link', () => {
    const file = signFileLink(SECRET, {
      kind: 'ics',
      bodyId: 'b',
      sessionId: 's',
      aad: 'aad',
      exp: claim.exp,
    });
    expect(verifyFileLink(SECRET, file, FIXED_NOW)).toBeDefined();
    expect(verifyVotePage(SECRET, file, FIXED_NOW)).toBeUndefined();
    // Even a claim that parses as both is bound to its purpose by the signature.
    const both = { ...claim, kind: 'ics', aad: 'aad' } as const;
    const asPage = signVotePage(SECRET, both);
    expect(verifyVotePage(SECRET, asPage, FIXED_NOW)).toBeDefined();
    expect(verifyFileLink(SECRET, asPage, FIXED_NOW)).toBeUndefined();
    expect(
      verifyVotePage(SECRET, signFileLink(SECRET, { ...both, sessionId: 's' }), FIXED_NOW),
    ).toBeUndefined();
  });
});
