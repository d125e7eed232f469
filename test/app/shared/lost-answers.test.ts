import { describe, expect, it } from 'vitest';
import { castBallot } from '../../../src/app/voting/cast-ballot.js';
import { closeVote } from '../../../src/app/voting/close-vote.js';
import { openVote } from '../../../src/app/voting/open-vote.js';
import { StorageOutcomeUnknownError, StorageUnavailableError } from '../../../src/ports/errors.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import type { PartitionStore, Row, RowRange, Write } from '../../../src/ports/partition-store.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { makeBody } from '../../support/bodies.js';
import { aadOf, depsFor, personOf, seedItem, seedSession } from '../../support/session-seed.js';

/**
 * A store whose next commit's answer is lost — after applying it, or without — and that may
 * then stay unreachable for a number of calls: what a timeout or a broken connection does.
 */
class LossyStore implements PartitionStore {
  lose?: 'applied' | 'notApplied';
  /** Calls that fail after the lost answer, before storage answers again. */
  thenDown = 0;
  private downFor = 0;
  constructor(readonly inner = new InMemoryPartitionStore()) {}
  private down(): void {
    if (this.downFor > 0) {
      this.downFor--;
      throw new StorageUnavailableError('test outage');
    }
  }
  async readPartition(pk: string, range?: RowRange): Promise<Row[]> {
    this.down();
    return this.inner.readPartition(pk, range);
  }
  async readRow(pk: string, rk: string): Promise<Row | undefined> {
    this.down();
    return this.inner.readRow(pk, rk);
  }
  readAcross(a: string, b: string, c?: string, d?: string) {
    return this.inner.readAcross(a, b, c, d);
  }
  /** Storage is back. */
  heal(): void {
    this.downFor = 0;
  }
  /** After the next commit succeeds, this many calls fail (storage goes away right after a save). */
  downAfterCommit = 0;
  async commit(pk: string, writes: readonly Write[]): Promise<ReadonlyMap<string, string>> {
    this.down();
    if (this.downAfterCommit > 0 && !this.lose) {
      const result = await this.inner.commit(pk, writes);
      this.downFor = this.downAfterCommit;
      this.downAfterCommit = 0;
      return result;
    }
    const lose = this.lose;
    this.lose = undefined;
    if (lose === 'applied') await this.inner.commit(pk, writes);
    if (lose) {
      this.downFor = this.thenDown;
      throw new StorageOutcomeUnknownError('commit (answer lost)');
    }
    return this.inner.commit(pk, writes);
  }
}

const body = makeBody({ voting: 5 });

async function setup() {
  const lossy = new LossyStore();
  const deps = depsFor(lossy, [body]);
  const store = new TableGremienStore(lossy, 1);
  const withStore = { ...deps, store };
  const { sessionId, voteId } = await seedSession(withStore, body);
  const cast = () =>
    castBallot(withStore, {
      bodyId: body.id,
      sessionId,
      voteId,
      actorAadObjectId: aadOf('amt-1'),
      choice: 'yes',
      activityId: 'click-1',
    });
  const stored = async () => (await store.loadSession(body.id, sessionId))?.ballots.get(`${voteId}|amt-1`);
  const audit = async () =>
    (await store.sessionAudit(body.id, sessionId)).filter((a) => a.action.startsWith('ballot'));
  return { lossy, cast, stored, audit };
}

describe('a commit whose answer was lost is settled before the user is told', () => {
  it('applied: the answer is "recorded", and it is stored once', async () => {
    const { lossy, cast, stored, audit } = await setup();
    lossy.lose = 'applied';
    expect((await cast()).kind).toBe('recorded');
    expect((await stored())?.value.choice).toBe('yes');
    expect(await audit()).toHaveLength(1);
  });

  it('not applied: the answer is "not saved" and that is true — a fence makes sure it can never apply', async () => {
    const { lossy, cast, stored, audit } = await setup();
    lossy.lose = 'notApplied';
    await expect(cast()).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await stored()).toBeUndefined();
    // The fence is no audit entry.
    expect(await audit()).toHaveLength(0);
    // The same click again is accepted (its audit row is new).
    expect((await cast()).kind).toBe('recorded');
    expect(await audit()).toHaveLength(1);
  });

  it('applied, then storage stays away for a while: settled once it answers', async () => {
    const { lossy, cast, stored } = await setup();
    lossy.lose = 'applied';
    lossy.thenDown = 1;
    expect((await cast()).kind).toBe('recorded');
    expect(await stored()).toBeDefined();
  });

  it('storage stays away: the outcome is reported unknown, never "nothing changed"', async () => {
    const { lossy, cast } = await setup();
    lossy.lose = 'applied';
    lossy.thenDown = 100;
    await expect(cast()).rejects.toBeInstanceOf(StorageOutcomeUnknownError);
  });
});

describe('a decision that was saved is reported saved, even if storage goes away right after', () => {
  it('opening and closing a vote answer from what they decided on, not from a second read', async () => {
    const lossy = new LossyStore();
    const deps = { ...depsFor(lossy, [body]), secretariatMembers: () => [] };
    await seedSession(deps, body, { sessionId: '2026-12-10-x', voteId: 'seed' });
    await seedItem(deps, body.id, '2026-12-10-x', { itemId: 'b', title: 'Beschluss' });
    const spk = { bodyId: body.id, sessionId: '2026-12-10-x', actor: personOf('spk'), activityId: 'a' };
    lossy.downAfterCommit = 5;
    const opened = await openVote(deps, { ...spk, itemNumber: 1 });
    expect(opened.kind).toBe('opened');
    lossy.heal();
    lossy.downAfterCommit = 5;
    const closed = await closeVote(deps, spk);
    expect(closed.kind).toBe('closed');
  });
});
