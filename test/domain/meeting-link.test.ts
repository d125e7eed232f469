import { describe, expect, it } from 'vitest';
import { JOIN_URL_MAX, joinUrlProblem, minimisedJoinUrl } from '../../src/domain/meeting-link.js';

/** Only a link that opens a Teams meeting becomes a session's "join" button. */
const MEETUP =
  'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQyZGExOGUtNGFiMy00YzI1LWI0N2ItZTY5MjE4ZjdlNzM4%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf-86f1-41af-91ab-2d7cd011db47%22%7d';

describe('a Teams join link', () => {
  it.each([
    MEETUP,
    `  ${MEETUP}  `,
    'https://teams.microsoft.com/meet/3561234567890?p=AbCdEfGh12',
    'https://teams.cloud.microsoft/l/meetup-join/19%3ameeting_x%40thread.v2/0',
    'https://gov.teams.microsoft.us/l/meetup-join/19%3ameeting_x%40thread.v2/0',
  ])('is taken: %s', (url) => {
    expect(joinUrlProblem(url)).toBeUndefined();
  });

  it.each([
    ['http://teams.microsoft.com/l/meetup-join/19%3ameeting_x/0', 'notTeams'],
    ['https://teams.microsoft.com.evil.example/l/meetup-join/x', 'notTeams'],
    ['https://evil.example/teams.microsoft.com/l/meetup-join/x', 'notTeams'],
    ['https://user:pw@teams.microsoft.com/l/meetup-join/x', 'notTeams'],
    ['https://teams.microsoft.com:8443/l/meetup-join/x', 'notTeams'],
    ['https://teams.microsoft.com/l/channel/19%3ax/General', 'notTeams'],
    ['https://teams.microsoft.com/', 'notTeams'],
    ['javascript:alert(1)', 'notTeams'],
    ['teams.microsoft.com/l/meetup-join/x', 'notUrl'],
    ['https://teams.microsoft.com/l/meetup-join/a b', 'notUrl'],
    ['Raum 101', 'notUrl'],
    [`https://teams.microsoft.com/l/meetup-join/${'x'.repeat(JOIN_URL_MAX)}`, 'tooLong'],
  ])('is refused: %s (%s)', (url, problem) => {
    expect(joinUrlProblem(url)).toBe(problem);
  });

  it('is kept without the organiser’s Entra id: the tenant stays, the passcode of a /meet/ link too', () => {
    const organiser = '5a1d0c6e-1111-4a00-8000-000000000001';
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const link = `https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQy%40thread.v2/0?context=${encodeURIComponent(
      JSON.stringify({ Tid: tenant, Oid: organiser }),
    )}`;
    const kept = minimisedJoinUrl(link);
    expect(kept).not.toContain(organiser);
    expect(kept).not.toContain('Oid');
    expect(new URL(kept).searchParams.get('context')).toBe(JSON.stringify({ Tid: tenant }));
    expect(new URL(kept).pathname).toBe('/l/meetup-join/19%3ameeting_NjQy%40thread.v2/0');
    expect(joinUrlProblem(kept)).toBeUndefined();
    // A context that cannot be read, or names no tenant, is dropped.
    expect(minimisedJoinUrl('https://teams.microsoft.com/l/meetup-join/x/0?context=%7bnot-json')).toBe(
      'https://teams.microsoft.com/l/meetup-join/x/0',
    );
    expect(minimisedJoinUrl('https://teams.microsoft.com/meet/3561234567890?p=AbCdEf')).toBe(
      'https://teams.microsoft.com/meet/3561234567890?p=AbCdEf',
    );
  });
});
