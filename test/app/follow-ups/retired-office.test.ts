import { describe, expect, it } from 'vitest';
import { addFollowUp, listFollowUps } from '../../../src/app/follow-ups/follow-ups.js';
import type { Body } from '../../../src/domain/body.js';
import { type BodyVersion, officeNameOf } from '../../../src/domain/body-versions.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { depsFor, FIXED_NOW, personOf, seedDecision } from '../../support/session-seed.js';

/**
 * An office retired by an amendment keeps its name where people see its follow-ups (the list,
 * the agenda, the report): the name of the latest version that had it, never its id.
 */
const before: Body = { ...makeBody({ voting: 4 }), secretariatMembers: ['aad-spk'] };
const after: Body = { ...before, offices: before.offices.filter((o) => o.id !== 'amt-4') };
const version = (number: number, body: Body): BodyVersion => ({
  number,
  effectiveFrom: number === 1 ? '2026-01-01' : '2026-12-01',
  reason: number === 1 ? 'Erstfassung' : 'Amt 4 aufgelöst',
  decision: '',
  confirmedOn: '',
  createdAt: FIXED_NOW.toISOString(),
  createdBy: 'aad-spk',
  source: 'test',
  body,
});

describe('a retired office’s follow-ups', () => {
  it('the domain: its name now, else its last name in the history, else its id', () => {
    const history = [version(1, before), version(2, after)];
    const retiredName = before.offices.find((o) => o.id === 'amt-4')?.name ?? '';
    expect(retiredName).not.toBe('amt-4');
    expect(officeNameOf(after, history, 'amt-1')).toBe(after.offices.find((o) => o.id === 'amt-1')?.name);
    expect(officeNameOf(after, history, 'amt-4')).toBe(retiredName);
    expect(officeNameOf(after, [], 'amt-4')).toBe('amt-4');
  });

  it('the list names it as it was called, after the amendment took it away', async () => {
    const deps = depsFor(new InMemoryPartitionStore(), [before]);
    await seedDecision(deps.store, before);
    const added = await addFollowUp(deps, {
      body: before,
      actor: personOf('spk'),
      ref: 'session/s/v-1',
      what: 'Übergabe klären',
      officeId: 'amt-4',
      due: 'next',
      activityId: 'a1',
    });
    expect(added.kind).toBe('added');
    const later = {
      ...deps,
      bodies: new Map([[after.id, after]]),
      history: () => [version(1, before), version(2, after)],
    };
    const [view] = await listFollowUps(later, after);
    expect(view?.office).toBe(before.offices.find((o) => o.id === 'amt-4')?.name);
  });
});
