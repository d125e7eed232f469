import { type Body, parseBody } from '../../src/domain/body.js';

/** A valid body file's content (before parsing), for tests to change one field at a time. */
export function bodyInput(opts: { voting?: number; commissioners?: number; advisory?: number } = {}) {
  const voting = opts.voting ?? 10;
  const offices = [
    ...Array.from({ length: voting }, (_, i) => ({
      id: `amt-${i + 1}`,
      name: `Amt ${i + 1}`,
      role: 'voting',
    })),
    ...Array.from({ length: opts.commissioners ?? 2 }, (_, i) => ({
      id: `beauftragte-${i + 1}`,
      name: `Beauftragte ${i + 1}`,
      role: 'commissioner',
    })),
    ...Array.from({ length: opts.advisory ?? 0 }, (_, i) => ({
      id: `beirat-${i + 1}`,
      name: `Beirat ${i + 1}`,
      role: 'advisory',
    })),
    { id: 'spk', name: 'SPK', role: 'advisory' },
  ];
  return {
    id: 'test-ag',
    name: 'Test-AG',
    shortName: 'Test-AG',
    district: 'Mitte',
    timeZone: 'Europe/Berlin',
    basis: 'Test',
    cadence: {
      intervalMonths: 1,
      weekday: 'thursday',
      weekOfMonth: 2,
      startTime: '10:00',
      durationMinutes: 120,
    },
    deadlines: {
      registrationDays: 7,
      agendaDispatchDays: 5,
      agendaDispatchTime: '08:00',
      reminderDays: [7, 5],
      reminderTime: '08:00',
    },
    secretariat: 'spk',
    offices,
    quorum: { fraction: '1/2', comparison: 'atLeast', base: 'allVotingMembers' },
    majority: { fraction: '2/3', comparison: 'atLeast', base: 'presentVotingMembers' },
    umlauf: {
      participation: { fraction: '1/2', comparison: 'atLeast', base: 'allVotingMembers' },
      majority: { fraction: '2/3', comparison: 'atLeast', base: 'ballotsCast' },
      defaultDeadlineHours: 72,
      maxDeadlineHours: 336,
      objectionAllowed: true,
    },
  };
}

export function makeBody(
  opts: Parameters<typeof bodyInput>[0] & { majority?: object; umlauf?: object } = {},
): Body {
  const input = bodyInput(opts);
  return parseBody(
    {
      ...input,
      ...(opts.majority ? { majority: opts.majority } : {}),
      ...(opts.umlauf ? { umlauf: { ...input.umlauf, ...opts.umlauf } } : {}),
    },
    'test.yaml',
  );
}

export const voters = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `amt-${from + i}`);
