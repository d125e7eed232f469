import { expect } from 'vitest';
import {
  type ActivityJson,
  type BotEndpoint,
  captureConnector,
  cardOf,
  cardText,
  eventually,
  fixture,
  postActivity,
} from './bot.js';
import { teamsUserId } from './real-ids.js';
import { TEST_TENANT } from './test-env.js';

/**
 * People and gestures for HTTP tests: a message in the demo channel (with the @mention Teams
 * requires there), a click on a card button, and reading what the bot answered.
 */
export const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
export const CHANNEL = '19:ag-planung-sitzungen@thread.tacv2';
export const PLANUNG = 'ag-planung-steglitz-zehlendorf';

export type Person = { id: string; name: string; aadObjectId: string };
export const SPK: Person = {
  id: teamsUserId(901),
  name: 'Sabine Petersen',
  aadObjectId: '5a1d0c6e-1111-4a00-8000-000000000001',
};
export const JONAS: Person = {
  id: teamsUserId(902),
  name: 'Jonas Krüger',
  aadObjectId: '5a1d0c6e-2222-4a00-8000-000000000002',
};
export const AYLIN: Person = {
  id: teamsUserId(903),
  name: 'Aylin Demir',
  aadObjectId: '5a1d0c6e-3333-4a00-8000-000000000003',
};
export const THOMAS: Person = {
  id: teamsUserId(904),
  name: 'Thomas Weber',
  aadObjectId: '5a1d0c6e-4444-4a00-8000-000000000004',
};
export const PETRA: Person = {
  id: teamsUserId(905),
  name: 'Petra Schulz',
  aadObjectId: '5a1d0c6e-5555-4a00-8000-000000000005',
};

export function say(from: Person, text: string, where: 'channel' | 'personal' = 'channel') {
  return where === 'channel'
    ? fixture('channel-message-mention-help', { from, text: `<at>Gremienbot</at> ${text}`, locale: 'de-DE' })
    : fixture('personal-message-hilfe', { from, text });
}

export function click(from: Person, verb: string, data: Record<string, unknown>, id?: string) {
  return fixture('channel-card-action', {
    from,
    ...(id ? { id } : {}),
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

/**
 * Posts a card action and returns what the clicker sees: the text of the card that replaces
 * the clicked one, or — for a refusal or an error, which leaves the clicked card as it is — the
 * short message Teams shows.
 */
export async function invoke(bot: BotEndpoint, activity: unknown): Promise<string> {
  const answer = await invokeAnswer(bot, activity);
  return answer.kind === 'card' ? cardText(answer.card) : answer.text;
}

export const MESSAGE_RESPONSE = 'application/vnd.microsoft.activity.message';

/** The Action.Execute answer as it is: a replacing card, or a message that keeps the card. */
export async function invokeAnswer(
  bot: BotEndpoint,
  activity: unknown,
): Promise<{ kind: 'card'; card: unknown } | { kind: 'message'; text: string }> {
  const res = await postActivity(bot, activity);
  expect(res.status).toBe(200);
  const body = res.body as { statusCode: number; type: string; value: unknown };
  expect(body.statusCode).toBe(200);
  if (body.type === MESSAGE_RESPONSE) {
    expect(typeof body.value).toBe('string');
    return { kind: 'message', text: String(body.value) };
  }
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  return { kind: 'card', card: body.value };
}

/** Posts a message and returns the text of the first card the bot posts back (not a refresh). */
export async function reply(bot: BotEndpoint, activity: unknown): Promise<string> {
  const { sent } = captureConnector(SERVICE_URL);
  await postActivity(bot, activity);
  // The answer is a new post; an update is a refresh of an earlier card still under way.
  await eventually(() => sent.some((s) => !s.updates));
  return cardText(cardOf(sent.find((s) => !s.updates)?.body ?? {}));
}

/**
 * The people of a test file's offices as Teams names them: `amt-3`'s person has the Teams id
 * `teamsUserId(3 + offset)` and the Entra id `<aadPrefix>-000000000003` (each file its own offset
 * and prefix, so files never share people).
 */
export function officePeople(offset: number, aadPrefix: string): (office: string) => Person {
  return (office) => {
    const n = Number(office.replace(/\D/g, ''));
    return {
      id: teamsUserId(n + offset),
      name: `Vertretung Amt ${n}`,
      aadObjectId: `${aadPrefix}-${String(n).padStart(12, '0')}`,
    };
  };
}

/** An activity in a Teams meeting's chat: a group chat with the meeting's id in channelData. */
export function inMeetingChatOf(
  meetingId: string,
  chatId: string,
  changes: Record<string, unknown>,
  tenant = TEST_TENANT,
): ActivityJson {
  return fixture('channel-message-mention-help', {
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: tenant, id: chatId },
    channelData: { tenant: { id: tenant }, meeting: { id: meetingId } },
    locale: 'de-DE',
    ...changes,
  });
}
