import { describe, expect, it } from 'vitest';
import { checkIn } from '../../src/app/session-run/check-in.js';
import { startSession } from '../../src/app/session-run/start-session.js';
import { castBallot } from '../../src/app/voting/cast-ballot.js';
import type { Choice } from '../../src/domain/ballots.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { makeBody, voters } from '../support/bodies.js';
import { aadOf, depsFor, personOf, seedSession } from '../support/session-seed.js';
import { tableClient } from '../support/stores.js';

async function azuriteDeps(body = makeBody({ voting: 50 })) {
  const client = await tableClient();
  return { deps: depsFor(new TablePartitionStore(client, 10_000), [body]), body, client };
}

async function ballotRows(client: Awaited<ReturnType<typeof tableClient>>) {
  const rows = [];
  for await (const e of client.listEntities({
    queryOptions: { filter: "RowKey ge 'ballot|' and RowKey lt 'ballot}'" },
  }))
    rows.push(e);
  return rows;
}

describe('against Azurite', () => {
  it('50 offices vote at once: 50 rows and an exact tally', async () => {
    const { deps, body, client } = await azuriteDeps();
    const { sessionId, voteId } = await seedSession(deps, body);
    const choices: Choice[] = voters(50).map((_, i) => (i < 34 ? 'yes' : i < 44 ? 'no' : 'abstain'));
    const results = await Promise.all(
      voters(50).map((officeId, i) =>
        castBallot(deps, {
          bodyId: body.id,
          sessionId,
          voteId,
          actorAadObjectId: aadOf(officeId),
          choice: choices[i] as Choice,
          activityId: `act-${i}`,
        }),
      ),
    );
    expect(results.every((r) => r.kind === 'recorded')).toBe(true);
    expect(await ballotRows(client)).toHaveLength(50);
    const snapshot = await deps.store.loadSession(body.id, sessionId);
    const counts = { yes: 0, no: 0, abstain: 0 } as Record<string, number>;
    for (const b of snapshot?.ballots.values() ?? [])
      counts[b.value.choice] = (counts[b.value.choice] ?? 0) + 1;
    expect(counts).toEqual({ yes: 34, no: 10, abstain: 6 });
    expect(
      (await deps.store.sessionAudit(body.id, sessionId)).filter((a) => a.action === 'ballot.cast'),
    ).toHaveLength(50);
  });

  it('one office sends 20 conflicting ballots at once: one row holding one of them; every accepted change is audited', async () => {
    const { deps, body, client } = await azuriteDeps(makeBody({ voting: 10 }));
    const { sessionId, voteId } = await seedSession(deps, body);
    const submitted = Array.from({ length: 20 }, (_, i) => ({
      choice: (['yes', 'no', 'abstain'] as const)[i % 3] as Choice,
      argument: `Begründung ${i}`,
    }));
    const results = await Promise.all(
      submitted.map((s, i) =>
        castBallot(deps, {
          bodyId: body.id,
          sessionId,
          voteId,
          actorAadObjectId: aadOf('amt-1'),
          ...s,
          activityId: `click-${i}`,
        }),
      ),
    );
    const rows = await ballotRows(client);
    expect(rows).toHaveLength(1);
    expect(submitted).toContainEqual({ choice: rows[0]?.choice, argument: rows[0]?.argument });
    const accepted = results.filter((r) => r.kind === 'recorded').length;
    const audit = (await deps.store.sessionAudit(body.id, sessionId)).filter((a) =>
      a.action.startsWith('ballot.'),
    );
    expect(audit).toHaveLength(accepted);
    // The accepted changes form one chain: a single first cast, each change starting from the
    // previous value, ending at the value the row holds.
    const value = (json: string) => {
      const { choice, argument } = JSON.parse(json) as { choice: string; argument: string };
      return JSON.stringify({ choice, argument });
    };
    expect(audit.filter((a) => a.before === '')).toHaveLength(1);
    const befores = new Set(audit.filter((a) => a.before !== '').map((a) => value(a.before)));
    const ends = audit.map((a) => value(a.after)).filter((v) => !befores.has(v));
    expect(ends).toEqual([JSON.stringify({ choice: rows[0]?.choice, argument: rows[0]?.argument })]);
  });

  it('the same click delivered 5 times (new activity ids too) has one effect', async () => {
    const { deps, body, client } = await azuriteDeps(makeBody({ voting: 10 }));
    const { sessionId, voteId } = await seedSession(deps, body);
    const click = (activityId: string) =>
      castBallot(deps, {
        bodyId: body.id,
        sessionId,
        voteId,
        actorAadObjectId: aadOf('amt-2'),
        choice: 'yes',
        argument: 'Dafür',
        activityId,
      });
    const first = await click('a-1');
    const repeats = await Promise.all([click('a-1'), click('a-1'), click('a-2'), click('a-3')]);
    expect(first.kind).toBe('recorded');
    expect(repeats.map((r) => r.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(await ballotRows(client)).toHaveLength(1);
    expect(
      (await deps.store.sessionAudit(body.id, sessionId)).filter((a) => a.action.startsWith('ballot.')),
    ).toHaveLength(1);

    const checkIns = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        checkIn(deps, { bodyId: body.id, sessionId, actorAadObjectId: aadOf('amt-3'), activityId: `c-${i}` }),
      ),
    );
    expect(checkIns.filter((r) => r.kind === 'checkedIn')).toHaveLength(1);
    expect(checkIns.filter((r) => r.kind === 'alreadyPresent')).toHaveLength(4);
    expect(
      (await deps.store.sessionAudit(body.id, sessionId)).filter((a) => a.action === 'attendance.checkedIn'),
    ).toHaveLength(1);
  });

  it('two writers update the session with the same ETag: one wins, the other’s conflict is handled', async () => {
    const { deps, body } = await azuriteDeps(makeBody({ voting: 10 }));
    const { sessionId } = await seedSession(deps, body, { status: 'planned' });
    const results = await Promise.all([
      startSession(deps, { bodyId: body.id, sessionId, actor: personOf('spk'), activityId: 's-1' }),
      startSession(deps, { bodyId: body.id, sessionId, actor: personOf('spk'), activityId: 's-2' }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['alreadyRunning', 'started']);
    expect((await deps.store.loadSession(body.id, sessionId))?.session.value.status).toBe('running');
    expect(
      (await deps.store.sessionAudit(body.id, sessionId)).filter((a) => a.action === 'session.started'),
    ).toHaveLength(1);
  });

  it('a ballot with an oversized argument is refused before anything is written', async () => {
    const { deps, body, client } = await azuriteDeps(makeBody({ voting: 10 }));
    const { sessionId, voteId } = await seedSession(deps, body);
    const result = await castBallot(deps, {
      bodyId: body.id,
      sessionId,
      voteId,
      actorAadObjectId: aadOf('amt-1'),
      choice: 'no',
      argument: 'x'.repeat(2001),
      activityId: 'big',
    });
    expect(result).toEqual({ kind: 'refused', reason: 'argumentTooLong' });
    expect(await ballotRows(client)).toHaveLength(0);
  });
});
