import { describe, expect, it } from 'vitest';
import { takesVotes, voteOpening } from '../../src/domain/ballots.js';
import type { PlainDate } from '../../src/domain/calendar.js';
import { todaysSession } from '../../src/domain/schedule.js';

describe('opening a vote (rules core)', () => {
  it('only a Beschluss item is voted on; a closed vote stays closed; an open one is not opened twice', () => {
    expect(voteOpening('Erörterung', undefined)).toEqual({ kind: 'refused', reason: 'notDecisionItem' });
    expect(voteOpening('Beschluss', undefined)).toEqual({ kind: 'open' });
    expect(voteOpening('Beschluss', 'open')).toEqual({ kind: 'alreadyOpen' });
    expect(voteOpening('Beschluss', 'closed')).toEqual({ kind: 'refused', reason: 'voteClosed' });
    expect(takesVotes('Beschluss')).toBe(true);
    expect(takesVotes('Erörterung')).toBe(false);
  });
});

describe('today’s session (rules core)', () => {
  const s = (id: string, date: string, status: string) => ({ id, session: { date, status } });
  const today = '2026-12-10' as PlainDate;

  it('the running one first, else the planned one of that day; never another day, never ended or cancelled', () => {
    expect(
      todaysSession(
        [s('a', today, 'planned'), s('b', today, 'running'), s('c', '2026-12-11', 'running')],
        today,
      )?.id,
    ).toBe('b');
    expect(todaysSession([s('a', today, 'ended'), s('b', today, 'planned')], today)?.id).toBe('b');
    expect(todaysSession([s('a', today, 'ended'), s('b', today, 'cancelled')], today)).toBeUndefined();
    expect(todaysSession([s('c', '2026-12-11', 'planned')], today)).toBeUndefined();
  });
});

describe('representative and deputy (rules core)', () => {
  it('the first approved person of an office represents it; later ones deputise', async () => {
    const { roleOnApproval } = await import('../../src/domain/membership.js');
    expect(roleOnApproval('jugendamt', [])).toBe('representative');
    expect(roleOnApproval('jugendamt', [{ officeId: 'umweltamt', role: 'representative' }])).toBe(
      'representative',
    );
    expect(roleOnApproval('jugendamt', [{ officeId: 'jugendamt', role: 'representative' }])).toBe('deputy');
  });
});

describe('who belongs to the SPK (rules core)', () => {
  it('listed by object id or e-mail (case-insensitive), or approved for the secretariat office', async () => {
    const { belongsToSecretariat, listsByName, secretariatList } = await import(
      '../../src/domain/secretariat.js'
    );
    const { makeBody } = await import('../support/bodies.js');
    const body = makeBody();
    const list = secretariatList(body, ['AAD-1', ' sabine.petersen@ba-demo.berlin.de ']);
    expect(listsByName(list)).toBe(true);
    expect(belongsToSecretariat(body, list, { aadObjectId: 'aad-1' })).toBe(true);
    expect(
      belongsToSecretariat(body, list, { aadObjectId: 'x', names: ['Sabine.Petersen@ba-demo.berlin.de'] }),
    ).toBe(true);
    expect(
      belongsToSecretariat(body, list, {
        aadObjectId: 'x',
        membership: { officeId: 'spk', status: 'approved' },
      }),
    ).toBe(true);
    expect(
      belongsToSecretariat(body, list, {
        aadObjectId: 'x',
        membership: { officeId: 'spk', status: 'pending' },
      }),
    ).toBe(false);
    expect(
      belongsToSecretariat(body, list, {
        aadObjectId: 'x',
        membership: { officeId: 'amt-1', status: 'approved' },
      }),
    ).toBe(false);
    expect(listsByName(secretariatList(body, ['aad-1']))).toBe(false);
  });
});
