import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pseudonymiseFormerMembers } from '../../../src/app/privacy/pseudonymise.js';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { isDueForPseudonymisation } from '../../../src/domain/retention.js';
import { InMemoryConversationStore } from '../../../src/ports/conversation-store.js';
import { makeBody } from '../../support/bodies.js';
import { aadOf, audit, depsFor, FIXED_NOW, seedItem, seedSession } from '../../support/session-seed.js';
import { partitionStores } from '../../support/stores.js';

/**
 * The retention job for people who left, on both stores: after the body's period their ids and
 * name are replaced in every record that names them by id; released protocols stay; exactly
 * once when two instances run it at the same moment; nobody else is touched.
 */
const body = { ...makeBody({ voting: 4, commissioners: 0 }), retention: { formerMemberDays: 30 } };
const TEAMS_ID = `29:1${'q'.repeat(88)}`;

describe.each(partitionStores)('pseudonymising people who left (%s)', (_name, makeStore) => {
  async function scenario() {
    const partitions = await makeStore();
    const deps = depsFor(partitions, [body]);
    const { sessionId, voteId } = await seedSession(deps, body);
    for (const o of ['amt-1', 'amt-2', 'amt-3'])
      await checkIn(deps, { bodyId: body.id, sessionId, actorAadObjectId: aadOf(o), activityId: `c-${o}` });
    await castBallot(deps, {
      bodyId: body.id,
      sessionId,
      voteId,
      actorAadObjectId: aadOf('amt-2'),
      choice: 'no',
      argument: 'Zu teuer, sagt Vertretung Zwei',
      activityId: 'b-2',
    });
    // A topic of theirs, registered under the name Teams gave then (not the membership's).
    await seedItem(deps, body.id, sessionId, {
      itemId: 'item-2',
      title: 'Kita Nord',
      officeId: 'amt-2',
      submittedBy: aadOf('amt-2'),
      submitterName: 'Dr. Zwei Beispiel',
    });
    // amt-2's person has a Teams id and a name on record, and leaves on 10 December 2026.
    const m = await deps.store.member(body.id, aadOf('amt-2'));
    if (!m) throw new Error('seed');
    await deps.store.commitMembers(
      body.id,
      [
        {
          aadObjectId: aadOf('amt-2'),
          etag: m.etag,
          value: {
            ...m.value,
            status: 'left',
            leftAt: FIXED_NOW.toISOString(),
            displayName: 'Vertretung Zwei',
            teamsUserId: TEAMS_ID,
          },
        },
      ],
      { ...audit('member.left'), actorAadObjectId: aadOf('amt-2'), target: `member/${aadOf('amt-2')}` },
    );
    const conversations = new InMemoryConversationStore();
    await conversations.save({
      tenantId: 't',
      conversationId: 'a:1chat',
      kind: 'personal',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      botId: '28:b',
      channelId: 'msteams',
      userAadObjectId: aadOf('amt-2'),
      updatedAt: FIXED_NOW.toISOString(),
    });
    await deps.store.linkChannel(
      {
        bodyId: body.id,
        tenantId: 't',
        channelId: '19:c@thread.tacv2',
        linkedBy: 'spk',
        linkedAt: FIXED_NOW.toISOString(),
      },
      audit('body.linked'),
    );
    return { deps: { ...deps, conversations }, sessionId, voteId };
  }

  it('waits for the period, then replaces ids and name once, even when two instances run at once', async () => {
    const { deps, sessionId, voteId } = await scenario();
    // 29 days after: not yet.
    const early = new Date(FIXED_NOW.getTime() + 29 * 86_400_000);
    expect(await pseudonymiseFormerMembers(deps, early)).toEqual([]);
    expect(await deps.store.rowsNaming(body.id, [aadOf('amt-2')])).not.toEqual([]);
    // 30 days after, on two instances at the same moment (each its own pseudonym generator).
    const due = new Date(FIXED_NOW.getTime() + 30 * 86_400_000);
    const results = await Promise.all([
      pseudonymiseFormerMembers({ ...deps, newId: () => `a-${randomUUID()}` }, due),
      pseudonymiseFormerMembers({ ...deps, newId: () => `b-${randomUUID()}` }, due),
    ]);
    expect(results.flat().map((r) => r.officeId)).toEqual(['amt-2']);
    expect(
      await deps.store.rowsNaming(body.id, [
        aadOf('amt-2'),
        TEAMS_ID,
        'Vertretung Zwei',
        'Dr. Zwei Beispiel',
      ]),
    ).toEqual([]);
    expect((await deps.store.loadSession(body.id, sessionId))?.items.get('item-2')?.value.submitterName).toBe(
      'ehemaliges Mitglied (Amt 2)',
    );
    expect(await deps.store.storedMember(body.id, aadOf('amt-2'))).toBeUndefined();
    const snap = await deps.store.loadSession(body.id, sessionId);
    const by = snap?.attendance.get('amt-2')?.value.by ?? '';
    expect(by).toMatch(/^ehemalig-[ab]-/);
    // One pseudonym everywhere; the office, the ballot and its argument stay (the basis of decision).
    const ballot = snap?.ballots.get(`${voteId}|amt-2`)?.value;
    expect(ballot).toMatchObject({ castBy: by, choice: 'no', officeId: 'amt-2' });
    expect(ballot?.argument).toBe('Zu teuer, sagt ehemaliges Mitglied (Amt 2)');
    const trail = await deps.store.bodyAudit(body.id);
    expect(trail.filter((a) => a.action === 'member.pseudonymised')).toEqual([
      expect.objectContaining({ target: by, actorAadObjectId: '' }),
    ]);
    expect(JSON.stringify(trail)).not.toContain(aadOf('amt-2'));
    expect(await deps.conversations.ofPerson('t', aadOf('amt-2'))).toEqual([]);
    // The others are as they were; a second run changes nothing.
    expect(snap?.attendance.get('amt-1')?.value.by).toBe(aadOf('amt-1'));
    expect(await pseudonymiseFormerMembers(deps, new Date(due.getTime() + 86_400_000))).toEqual([]);
    expect(
      (await deps.store.bodyAudit(body.id)).filter((a) => a.action === 'member.pseudonymised'),
    ).toHaveLength(1);
  });

  it('leaves a person who came back alone', async () => {
    const { deps } = await scenario();
    const tomb = (await deps.store.storedMembers(body.id)).find((m) => m.aadObjectId === aadOf('amt-2'));
    if (!tomb) throw new Error('seed');
    // They asked to join again (their request replaces the tombstone).
    await deps.store.saveMember(
      body.id,
      aadOf('amt-2'),
      { ...tomb.value, status: 'pending', leftAt: '' },
      undefined,
      audit('member.requested'),
    );
    expect(await pseudonymiseFormerMembers(deps, new Date(FIXED_NOW.getTime() + 400 * 86_400_000))).toEqual(
      [],
    );
    expect((await deps.store.member(body.id, aadOf('amt-2')))?.value.status).toBe('pending');
  });
});

describe('the period (Berlin days)', () => {
  it('is due from the day the period ends, across the change to summer time', () => {
    const b = { ...body, retention: { formerMemberDays: 30 } };
    // Left on 10 March 2027 at 23:30 Berlin time; due from 9 April (Berlin), whatever the hour.
    const left = '2027-03-10T22:30:00.000Z';
    expect(isDueForPseudonymisation(b, left, new Date('2027-04-08T21:59:00Z'))).toBe(false);
    expect(isDueForPseudonymisation(b, left, new Date('2027-04-08T22:00:00Z'))).toBe(true);
    expect(isDueForPseudonymisation(b, '', new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
