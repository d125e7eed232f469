/**
 * A Teams meeting's join link, as the SPK pastes it for the body's standing meeting (#28): only
 * links that open a Teams meeting are taken — an https link to a Teams host whose path is a join
 * path —, so a card's "join" button never leads elsewhere.
 */

/** The longest link taken (Teams' meetup-join links run to some 300 characters; Table Storage holds far more). */
export const JOIN_URL_MAX = 2048;

/** Teams' hosts: commercial (old and new domain) and the US government clouds. */
const TEAMS_HOSTS = [
  'teams.microsoft.com',
  'teams.cloud.microsoft',
  'gov.teams.microsoft.us',
  'dod.teams.microsoft.us',
];

/** Join paths: the classic meetup-join link and the newer short /meet/ link. */
const JOIN_PATHS = [/^\/l\/meetup-join\/[^/]+/, /^\/meet\/\d+/];

export type JoinUrlProblem = 'tooLong' | 'notUrl' | 'notTeams';

/** What is wrong with a link as a Teams meeting's join link; undefined when it is one. */
export function joinUrlProblem(text: string): JoinUrlProblem | undefined {
  const trimmed = text.trim();
  if (trimmed.length > JOIN_URL_MAX) return 'tooLong';
  if (/\s/.test(trimmed)) return 'notUrl';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'notUrl';
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return 'notTeams';
  if (!TEAMS_HOSTS.includes(url.hostname)) return 'notTeams';
  if (!JOIN_PATHS.some((p) => p.test(url.pathname))) return 'notTeams';
  return undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The link as it is kept and shown: a meetup-join link's `context` names the organiser by their
 * Entra id (`Oid`) — personal data every member would be shown and the deletion concept could not
 * find —, so only the tenant (`Tid`) stays, which is what Teams needs to find the meeting's home.
 * Everything else (the meeting's thread in the path, a /meet/ link's passcode) is kept as given.
 * Takes a link `joinUrlProblem` accepted.
 */
export function minimisedJoinUrl(text: string): string {
  const url = new URL(text.trim());
  const context = url.searchParams.get('context');
  if (context !== null) {
    let tenant: unknown;
    try {
      tenant = (JSON.parse(context) as { Tid?: unknown } | null)?.Tid;
    } catch {
      tenant = undefined;
    }
    if (typeof tenant === 'string' && GUID.test(tenant))
      url.searchParams.set('context', JSON.stringify({ Tid: tenant }));
    else url.searchParams.delete('context');
  }
  return url.toString();
}
