import { describe, expect, it } from 'vitest';
import { meetingSeriesOf, setMeetingSeries } from '../../../src/app/meetings/meeting-series.js';
import { changeSession } from '../../../src/app/sessions/change-session.js';
import { createSession } from '../../../src/app/sessions/create-session.js';
import type { MembershipDeps } from '../../../src/app/shared/deps.js';
import { makeBody } from '../../support/bodies.js';
import { depsFor } from '../../support/session-seed.js';
import { partitionStores } from '../../support/stores.js';

/**
 * The body's standing Teams meeting (#28): only the SPK sets it, only a Teams join link, from a
 * card that shows the link in force; a session keeps the link it was created with.
 */
const body = makeBody({ voting: 3, commissioners: 0 });
const spk = { aadObjectId: 'spk-person', displayName: 'SPK', principalNames: async () => [] };
const member = { aadObjectId: 'aad-amt-1', displayName: 'Amt 1', principalNames: async () => [] };
const LINK_A = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_AAAA%40thread.v2/0';
const LINK_B = 'https://teams.microsoft.com/meet/3561234567890?p=AbCdEf';

describe.each(partitionStores)('the body’s standing Teams meeting (%s)', (_name, makeStore) => {
  async function deps(): Promise<MembershipDeps> {
    return { ...depsFor(await makeStore(), [body]), secretariatMembers: () => ['spk-person'] };
  }
  const set = (d: MembershipDeps, joinUrl: string, shown: string, actor = spk, activityId = 'a') =>
    setMeetingSeries(d, { bodyId: body.id, joinUrl, shown, actor, activityId });

  it('only the SPK; only a Teams join link; a refusal changes nothing', async () => {
    const d = await deps();
    expect(await set(d, LINK_A, '', member)).toEqual({ kind: 'refused', reason: 'notSecretariat' });
    expect(await set(d, 'https://evil.example/l/meetup-join/x', '')).toEqual({
      kind: 'refused',
      reason: 'notTeams',
    });
    expect(await set(d, 'Raum 101', '')).toEqual({ kind: 'refused', reason: 'notUrl' });
    expect(await meetingSeriesOf(d, body.id)).toBe('');
    expect((await d.store.bodyAudit(body.id)).filter((a) => a.action.startsWith('body.meetingLink'))).toEqual(
      [],
    );
  });

  it('set, set again (a repeated delivery), changed, removed: each audited once', async () => {
    const d = await deps();
    expect((await set(d, `  ${LINK_A} `, '')).kind).toBe('set');
    expect(await meetingSeriesOf(d, body.id)).toBe(LINK_A);
    expect((await set(d, LINK_A, '')).kind).toBe('unchanged');
    expect((await set(d, LINK_B, LINK_A)).kind).toBe('set');
    expect((await set(d, '', LINK_B)).kind).toBe('removed');
    expect(await meetingSeriesOf(d, body.id)).toBe('');
    const trail = (await d.store.bodyAudit(body.id)).filter((a) => a.action.startsWith('body.meetingLink'));
    expect(trail.map((a) => a.action)).toEqual([
      'body.meetingLinkSet',
      'body.meetingLinkSet',
      'body.meetingLinkRemoved',
    ]);
    expect(
      trail.every((a) => a.actorAadObjectId === 'spk-person' && a.actorOfficeId === body.secretariat),
    ).toBe(true);
  });

  it('a card older than another change is refused, not obeyed', async () => {
    const d = await deps();
    await set(d, LINK_A, '');
    // The card showed no link (before LINK_A was set): it may not replace LINK_A, nor remove it.
    expect(await set(d, LINK_B, '')).toEqual({ kind: 'refused', reason: 'changedMeanwhile' });
    expect(await set(d, '', '')).toEqual({ kind: 'refused', reason: 'changedMeanwhile' });
    expect(await meetingSeriesOf(d, body.id)).toBe(LINK_A);
  });

  it('two SPK at once from the same card: one link wins, the other is told it changed', async () => {
    const d = await deps();
    const results = await Promise.all([set(d, LINK_A, '', spk, 'x'), set(d, LINK_B, '', spk, 'y')]);
    expect(results.map((r) => r.kind).sort()).toEqual(['refused', 'set']);
    const won = results.find((r) => r.kind === 'set');
    expect(await meetingSeriesOf(d, body.id)).toBe(won && 'joinUrl' in won ? won.joinUrl : 'none');
  });

  it('a session keeps the link it was created with: a later change or removal, a move, do not touch it', async () => {
    const d = await deps();
    await set(d, LINK_A, '');
    const create = (date: string, online?: boolean) =>
      createSession(d, {
        bodyId: body.id,
        date,
        time: '10:00',
        place: 'Raum 101',
        ...(online === undefined ? {} : { online }),
        actor: spk,
        activityId: `c-${date}`,
      });
    const first = await create('2027-01-14');
    const without = await create('2027-02-11', false);
    if (first.kind !== 'created' || without.kind !== 'created') throw new Error('not created');
    expect(first.summary.session.joinUrl).toBe(LINK_A);
    expect(without.summary.session.joinUrl).toBe('');
    await set(d, LINK_B, LINK_A);
    const moved = await changeSession(d, {
      kind: 'move',
      bodyId: body.id,
      date: '2027-01-14',
      toDate: '2027-01-21',
      toTime: '10:00',
      actor: spk,
      activityId: 'm',
    });
    expect(moved.kind).toBe('moved');
    const sessions = await d.store.sessionsFrom(body.id, '2027-01-01');
    expect(sessions.find((s) => s.session.date === '2027-01-21')?.session.joinUrl).toBe(LINK_A);
    await set(d, '', LINK_B);
    const later = await create('2027-03-11');
    if (later.kind !== 'created') throw new Error('not created');
    expect(later.summary.session.joinUrl).toBe('');
    expect((await d.store.loadSession(body.id, first.summary.sessionId))?.session.value.joinUrl).toBe(LINK_A);
  });
});
