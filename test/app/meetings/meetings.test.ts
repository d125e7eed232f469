import { describe, expect, it } from 'vitest';
import {
  linkMeetingToToday,
  meetingEnded,
  meetingStarted,
  participantsChanged,
} from '../../../src/app/meetings/meetings.js';
import { checkIn } from '../../../src/app/session-run/check-in.js';
import { StorageUnavailableError } from '../../../src/ports/errors.js';
import type { PartitionStore } from '../../../src/ports/partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { audit, depsFor, FIXED_NOW, seedSession } from '../../support/session-seed.js';
import { partitionStores } from '../../support/stores.js';

/**
 * A meeting's start and end are each taken once, on both stores: two deliveries at the same
 * moment give one `started`; an end before the start makes the late start nothing; a meeting
 * belongs to one session; only the SPK links one.
 */
const body = makeBody({ voting: 3, commissioners: 0 });
const spk = { aadObjectId: 'spk-person', displayName: 'SPK', principalNames: async () => [] };
const member = { aadObjectId: 'aad-amt-1', displayName: 'Amt 1', principalNames: async () => [] };

describe.each(partitionStores)('meetings (%s)', (_name, makeStore) => {
  async function linked(meetingId: string) {
    const deps = { ...depsFor(await makeStore(), [body]), secretariatMembers: () => ['spk-person'] };
    // Today's session (FIXED_NOW is 10 December 2026), planned.
    await seedSession(deps, body, { sessionId: '2026-12-10-a', status: 'planned' });
    const r = await linkMeetingToToday(deps, {
      tenantId: 't',
      meetingId,
      conversationId: '19:meeting_x@thread.v2',
      actor: spk,
      activityId: 'a1',
    });
    expect(r.kind).toBe('linked');
    return deps;
  }

  it('only the SPK links; one meeting, one session; linking again changes nothing', async () => {
    const deps = await linked('meeting-1');
    expect(
      (
        await linkMeetingToToday(deps, {
          tenantId: 't',
          meetingId: 'meeting-2',
          conversationId: '19:meeting_x@thread.v2',
          actor: member,
          activityId: 'a2',
        })
      ).kind,
    ).toBe('refused');
    expect(
      await linkMeetingToToday(deps, {
        tenantId: 't',
        meetingId: 'meeting-1',
        conversationId: '19:meeting_x@thread.v2',
        actor: spk,
        activityId: 'a3',
      }),
    ).toMatchObject({
      kind: 'linked',
      again: true,
    });
    expect(
      (await deps.store.bodyAudit(body.id)).filter((a) => a.action === 'session.meetingLinked'),
    ).toHaveLength(1);
  });

  it('two deliveries of the start at once: taken once; the end once; nothing recorded about attendance', async () => {
    const deps = await linked('meeting-1');
    const starts = await Promise.all(
      [1, 2, 3].map((i) =>
        meetingStarted(deps, {
          tenantId: 't',
          meetingId: 'meeting-1',
          conversationId: '19:meeting_x@thread.v2',
          activityId: `s${i}`,
        }),
      ),
    );
    expect(starts.filter((s) => s.kind === 'started')).toHaveLength(1);
    const ends = await Promise.all(
      [1, 2].map(() => meetingEnded(deps, { tenantId: 't', meetingId: 'meeting-1' })),
    );
    expect(ends.filter((e) => e.kind === 'ended')).toHaveLength(1);
    const snap = await deps.store.loadSession(body.id, '2026-12-10-a');
    expect(snap?.attendance.size).toBe(0);
    expect(FIXED_NOW.toISOString().slice(0, 10)).toBe('2026-12-10');
  });

  it('an end before the start: the late start is ignored; an unlinked meeting is ignored', async () => {
    const deps = await linked('meeting-1');
    expect((await meetingEnded(deps, { tenantId: 't', meetingId: 'meeting-1' })).kind).toBe('ended');
    expect(
      await meetingStarted(deps, {
        tenantId: 't',
        meetingId: 'meeting-1',
        conversationId: '19:meeting_x@thread.v2',
        activityId: 's',
      }),
    ).toEqual({
      kind: 'ignored',
      why: 'repeated',
    });
    expect(
      await meetingStarted(deps, {
        tenantId: 't',
        meetingId: 'other',
        conversationId: '19:meeting_x@thread.v2',
        activityId: 's',
      }),
    ).toEqual({
      kind: 'ignored',
      why: 'unlinked',
    });
    expect(
      await meetingStarted(deps, {
        tenantId: 'other-tenant',
        meetingId: 'meeting-1',
        conversationId: '19:meeting_x@thread.v2',
        activityId: 's',
      }),
    ).toMatchObject({
      kind: 'ignored',
    });
  });

  it('a meeting of a session moved to another day or cancelled since it was linked is not taken', async () => {
    for (const change of [{ date: '2026-12-17' }, { status: 'cancelled' as const }]) {
      const deps = await linked('meeting-1');
      const snap = await deps.store.loadSession(body.id, '2026-12-10-a');
      if (!snap) throw new Error('seed');
      await deps.store.commitSession(
        body.id,
        '2026-12-10-a',
        [{ kind: 'session', value: { ...snap.session.value, ...change }, etag: snap.session.etag }],
        audit('session.changed'),
      );
      expect(
        await meetingStarted(deps, {
          tenantId: 't',
          meetingId: 'meeting-1',
          conversationId: '19:meeting_x@thread.v2',
          activityId: 's',
        }),
      ).toEqual({ kind: 'ignored', why: 'notToday' });
      // Nothing marked: the link is as it was.
      expect((await deps.store.meetingLink('t', 'meeting-1'))?.value.startedAt).toBe('');
    }
  });

  it('a failure between the link and its audit entry: linking again completes the entry, once', async () => {
    const partitions = await makeStore();
    let failAudit = true;
    // The body partition's audit write fails once (storage gone for a moment), after the link row.
    const flaky: PartitionStore = {
      readPartition: (pk, range) => partitions.readPartition(pk, range),
      readRow: (pk, rk) => partitions.readRow(pk, rk),
      readAcross: (a, b, c, d) => partitions.readAcross(a, b, c, d),
      commit: async (pk, writes) => {
        if (
          failAudit &&
          writes.some(
            (w) => w.rowKey.startsWith('audit|') && 'data' in w && w.data.action === 'session.meetingLinked',
          )
        ) {
          failAudit = false;
          throw new StorageUnavailableError('test outage');
        }
        return partitions.commit(pk, writes);
      },
    };
    const deps = { ...depsFor(flaky, [body]), secretariatMembers: () => ['spk-person'] };
    await seedSession(deps, body, { sessionId: '2026-12-10-a', status: 'planned' });
    const link = (activityId: string) =>
      linkMeetingToToday(deps, {
        tenantId: 't',
        meetingId: 'meeting-1',
        conversationId: '19:meeting_x@thread.v2',
        actor: spk,
        activityId,
      });
    await expect(link('a1')).rejects.toThrow(StorageUnavailableError);
    expect(await deps.store.meetingLink('t', 'meeting-1')).toBeDefined();
    const linkedAudits = async () =>
      (await deps.store.bodyAudit(body.id)).filter((a) => a.action === 'session.meetingLinked');
    expect(await linkedAudits()).toHaveLength(0);
    expect(await link('a2')).toMatchObject({ kind: 'linked', again: true });
    expect(await link('a3')).toMatchObject({ kind: 'linked', again: true });
    const entries = await linkedAudits();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actorAadObjectId).toBe('spk-person');
  });

  it('joins prompt whoever may check their office in (members, the SPK for its office), never others; a leave names the office; nothing is recorded', async () => {
    const deps = await linked('meeting-1');
    const snap = await deps.store.loadSession(body.id, '2026-12-10-a');
    if (!snap) throw new Error('seed');
    await deps.store.commitSession(
      body.id,
      '2026-12-10-a',
      [{ kind: 'session', value: { ...snap.session.value, status: 'running' }, etag: snap.session.etag }],
      audit('session.started'),
    );
    await deps.store.saveMember(
      body.id,
      'aad-pending',
      {
        officeId: 'amt-2',
        status: 'pending',
        role: 'deputy',
        displayName: 'P',
        since: FIXED_NOW.toISOString(),
      },
      undefined,
      audit('member.requested'),
    );
    const joined = await participantsChanged(deps, {
      tenantId: 't',
      meetingId: 'meeting-1',
      joined: ['aad-amt-1', 'spk-person', 'stranger', 'aad-pending', 'aad-amt-1'],
      left: [],
    });
    expect(joined.kind === 'seen' ? joined.prompts : []).toEqual([
      { aadObjectId: 'aad-amt-1', officeId: 'amt-1' },
      { aadObjectId: 'spk-person', officeId: body.secretariat },
    ]);
    await checkIn(deps, {
      bodyId: body.id,
      sessionId: '2026-12-10-a',
      actorAadObjectId: 'aad-amt-1',
      activityId: 'c1',
    });
    const again = await participantsChanged(deps, {
      tenantId: 't',
      meetingId: 'meeting-1',
      joined: ['aad-amt-1'],
      left: [],
    });
    expect(again.kind === 'seen' ? again.prompts : ['x']).toEqual([]);
    const left = await participantsChanged(deps, {
      tenantId: 't',
      meetingId: 'meeting-1',
      joined: [],
      left: ['aad-amt-1'],
    });
    expect(left.kind === 'seen' ? left.departures : []).toEqual(['amt-1']);
    // Still present: leaving a call is not leaving the session.
    const after = await deps.store.loadSession(body.id, '2026-12-10-a');
    expect(after?.attendance.get('amt-1')?.value.present).toBe(true);
  });
});
