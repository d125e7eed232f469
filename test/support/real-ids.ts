/**
 * Ids shaped as Teams sends them: a user's `29:1…` and a personal chat's `a:1…` of about 90
 * characters (what fills a stored row), numbered so each is distinct.
 */
const PAD = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(3);

export const teamsUserId = (i: number) => `29:1${String(i).padStart(6, '0')}${PAD.slice(0, 82)}`;
export const personalChatId = (i: number) => `a:1${String(i).padStart(6, '0')}${PAD.slice(1, 85)}`;
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** A personal chat's stored reference, as the bot keeps it after a person first wrote. */
export const personalChat = (
  tenantId: string,
  i: number,
  aadObjectId: string,
  at: Date,
  locale = 'de-DE',
) => ({
  tenantId,
  conversationId: personalChatId(i),
  kind: 'personal' as const,
  serviceUrl: TEAMS_SERVICE_URL,
  botId: '28:bot',
  channelId: 'msteams',
  userAadObjectId: aadObjectId,
  locale,
  updatedAt: at.toISOString(),
});
