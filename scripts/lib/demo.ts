/**
 * The other members of the demo tenant, played through the Agents Playground's own API while
 * a newcomer acts as the SPK in its UI (the Playground cannot switch users). Local development
 * only: it reads the bot's local storage (Azurite) to find the session, vote or Umlauf, and acts
 * with card actions — the Playground honours `from` on those — through the bot's real routes.
 */
import { TableClient } from '@azure/data-tables';
import { addDays, localDateOf } from '../../src/domain/calendar.js';
import { azuriteConnectionString } from '../../src/storage/azurite.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';

export const DEMO_BODY = 'ag-planung-steglitz-zehlendorf';
export const DEMO_CHANNEL = '19:ag-planung-sitzungen@thread.tacv2';

/** The demo people (playground/config.yml) and the offices they represent. */
export const DEMO_MEMBERS = [
  { id: 'user-jugend', name: 'Jonas Krüger', office: 'jugendamt' },
  { id: 'user-schule', name: 'Aylin Demir', office: 'schul-und-sportamt' },
  { id: 'user-stadtentwicklung', name: 'Thomas Weber', office: 'stadtentwicklungsamt' },
  { id: 'user-soziales', name: 'Petra Schulz', office: 'amt-fuer-soziales' },
  { id: 'user-integration', name: 'Mariam Haddad', office: 'integrationsbeauftragte' },
] as const;

type Member = (typeof DEMO_MEMBERS)[number];

export type DemoOptions = {
  /** The Playground, e.g. http://127.0.0.1:56150. */
  readonly playgroundUrl: string;
  /** Table Storage of the bot (Azurite locally). */
  readonly connectionString: string;
  readonly tablePrefix?: string;
  /** Today, as the bot sees it (local development may move its clock forward). */
  readonly now?: Date;
  readonly print?: (line: string) => void;
};

export const DEMO_STEPS = {
  mitglieder:
    'Jonas, Aylin, Thomas, Petra und Mariam beantragen die Mitgliedschaft (die SPK bestätigt im Kanal).',
  themen: 'Jonas und Aylin melden je ein Thema zur nächsten Sitzung an (nach Anmeldeschluss: verspätet).',
  anwesend: 'Die vier Ämter und die Integrationsbeauftragte melden sich in der laufenden Sitzung anwesend.',
  abstimmen: 'Die Anwesenden stimmen in der offenen Abstimmung ab (mit Begründungen).',
  umlauf: 'Die vier Ämter stimmen im offenen Umlaufverfahren ab.',
  erledigt: 'Die zuständigen Ämter markieren ihre offenen Wiedervorlagen als erledigt (mit Notiz).',
  meeting:
    'Eine Kanalbesprechung der AG Planung: Beginn, zwei Beitritte, ein Verlassen, Ende — wie Teams sie meldet (der Playground hat keine Besprechungen).',
  'besprechung-beginn':
    'Die Kanalbesprechung der AG Planung beginnt: zwei Beitritte, ein Verlassen (danach eine Abstimmung öffnen, dann „besprechung-ende“).',
  'besprechung-ende': 'Die Kanalbesprechung der AG Planung endet.',
} as const;
export type DemoStep = keyof typeof DEMO_STEPS;

export async function runDemoStep(step: DemoStep, options: DemoOptions): Promise<string[]> {
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.print?.(line);
  };
  const store = new TableGremienStore(
    new TablePartitionStore(
      TableClient.fromConnectionString(options.connectionString, `${options.tablePrefix ?? 'gb'}gremien`, {
        allowInsecureConnection: true,
      }),
      5000,
    ),
  );
  // A click needs a message of the conversation to come from: the card itself where the bot
  // keeps track of it (check-in, vote), else a welcome card the bot posts for the demo.
  let anyCard: Where | undefined;
  const somewhere = async () => {
    anyCard ??= await welcomeCard(options.playgroundUrl);
    return anyCard;
  };
  const act = async (who: Member, verb: string, data: Record<string, unknown>, where?: Where) =>
    say(
      `${who.name}: ${(await invoke(options.playgroundUrl, where ?? (await somewhere()), who.id, verb, data)).text}`,
    );
  const today = localDateOf(options.now ?? new Date());

  switch (step) {
    case 'mitglieder':
      // The SPK's approval cards go to the body's channel: without one, nobody could approve.
      if (!(await store.bodyChannel(DEMO_BODY)))
        throw new DemoError(
          'Der Kanal ist noch mit keiner Arbeitsgruppe verbunden. Schreiben Sie als SPK im Kanal AG Planung: @Gremienbot gremium verbinden',
        );
      for (const m of DEMO_MEMBERS) await act(m, 'member.request', { choice: `${DEMO_BODY}|${m.office}` });
      return lines;
    case 'themen': {
      const next = (await store.sessionsFrom(DEMO_BODY, today)).find((s) => s.session.status === 'planned');
      if (!next)
        throw new DemoError('Es gibt keine geplante Sitzung. Legen Sie als SPK eine an (sitzung anlegen).');
      const topics = [
        {
          who: DEMO_MEMBERS[0],
          title: 'Neubau Jugendfreizeiteinrichtung Lankwitz',
          purpose: 'decision',
          description: 'Standortentscheidung für die neue Jugendfreizeiteinrichtung.',
          documents: 'https://intranet.ba-demo.berlin.de/jfe-lankwitz.pdf',
          conflictsOfGoals: 'Grünfläche gegen Bedarf an Angeboten für Jugendliche.',
        },
        {
          who: DEMO_MEMBERS[1],
          title: 'Schulwegsicherheit Thermometersiedlung',
          purpose: 'discussion',
          description: 'Bericht zu Unfallschwerpunkten und Vorschläge.',
          documents: '',
          conflictsOfGoals: '',
        },
      ];
      for (const { who, ...topic } of topics) {
        const data = { bodyId: DEMO_BODY, sessionId: next.sessionId, ...topic };
        const answer = await invoke(options.playgroundUrl, await somewhere(), who.id, 'topic.register', data);
        // After the deadline the form comes back offering a late registration: take it.
        if (JSON.stringify(answer.raw).includes('"submitLate":true'))
          await act(who, 'topic.register', { ...data, submitLate: true });
        else say(`${who.name}: ${answer.text}`);
      }
      return lines;
    }
    case 'anwesend':
    case 'abstimmen': {
      const running = (await store.sessionsFrom(DEMO_BODY, addDays(today, -1))).find(
        (s) => s.session.status === 'running',
      );
      if (!running)
        throw new DemoError(
          'Es läuft keine Sitzung. Starten Sie sie als SPK im Kanal: @Gremienbot sitzung starten',
        );
      if (step === 'anwesend') {
        for (const m of DEMO_MEMBERS)
          await act(m, 'session.checkIn', { bodyId: DEMO_BODY, sessionId: running.sessionId });
        return lines;
      }
      const snapshot = await store.loadSession(DEMO_BODY, running.sessionId);
      const open = [...(snapshot?.votes.entries() ?? [])].filter(([, v]) => v.value.status === 'open');
      const [voteId] = open.map(([id]) => id).slice(-1);
      if (!voteId)
        throw new DemoError(
          'Es ist keine Abstimmung offen. Öffnen Sie sie als SPK: @Gremienbot abstimmung TOP 1',
        );
      const ballots: [Member, string, string][] = [
        [DEMO_MEMBERS[0], 'yes', 'Der Bedarf ist im Kiez seit Jahren belegt.'],
        [DEMO_MEMBERS[1], 'yes', ''],
        [DEMO_MEMBERS[2], 'no', 'Die Grünfläche sollte erhalten bleiben.'],
        [DEMO_MEMBERS[3], 'yes', ''],
        [DEMO_MEMBERS[4], 'yes', 'Beteiligung der Jugendlichen von Anfang an.'],
      ];
      for (const [who, choice, argument] of ballots)
        await act(who, 'vote.cast', {
          bodyId: DEMO_BODY,
          sessionId: running.sessionId,
          voteId,
          choice,
          argument,
        });
      return lines;
    }
    case 'umlauf': {
      const since = addDays(today, -15);
      const open = (await store.umlaufsFrom(DEMO_BODY, since)).filter((u) => u.umlauf.status === 'open');
      const [latest] = open.slice(-1);
      if (!latest)
        throw new DemoError(
          'Es ist kein Umlaufverfahren offen. Öffnen Sie eines als SPK: @Gremienbot umlauf',
        );
      const ballots: [Member, string, string][] = [
        [DEMO_MEMBERS[0], 'yes', 'Eilt wegen der Förderfrist.'],
        [DEMO_MEMBERS[1], 'yes', ''],
        [DEMO_MEMBERS[2], 'abstain', ''],
        [DEMO_MEMBERS[3], 'yes', ''],
      ];
      for (const [who, choice, argument] of ballots)
        await act(who, 'umlauf.cast', { bodyId: DEMO_BODY, umlaufId: latest.umlaufId, choice, argument });
      return lines;
    }
    case 'meeting':
    case 'besprechung-beginn':
    case 'besprechung-ende': {
      const todays = (await store.sessionsFrom(DEMO_BODY, today)).find(
        (s) => s.session.date === today && (s.session.status === 'planned' || s.session.status === 'running'),
      );
      if (!todays)
        throw new DemoError(
          'Heute hat die AG Planung keine offene Sitzung. Legen Sie als SPK eine an (sitzung anlegen).',
        );
      // A channel meeting of the AG Planung channel, as Teams reports one (empty MeetingType, JoinUrl null).
      const meetingId = Buffer.from(`0#19:demo-${todays.sessionId}@thread.tacv2#1795162844511`).toString(
        'base64',
      );
      const pause = () => new Promise((r) => setTimeout(r, 1200));
      const end = async () => {
        await meetingEvent(options.playgroundUrl, 'meetingEnd', meetingId);
        say('Teams: Die Besprechung ist beendet.');
      };
      if (step === 'besprechung-ende') {
        await end();
        return lines;
      }
      await meetingEvent(options.playgroundUrl, 'meetingStart', meetingId);
      say('Teams: Die Besprechung im Kanal AG Planung hat begonnen.');
      await pause();
      // Who joins and leaves, by their Entra ids as the body knows its members.
      const members = await store.members(DEMO_BODY);
      const aadOf = (m: Member) => members.find((r) => r.value.displayName.startsWith(m.name))?.aadObjectId;
      const people = (list: readonly Member[]) =>
        list.flatMap((m) => {
          const aad = aadOf(m);
          return aad
            ? [{ user: { id: m.id, name: m.name, aadObjectId: aad }, meeting: { inMeeting: true } }]
            : [];
        });
      await meetingEvent(options.playgroundUrl, 'meetingParticipantJoin', meetingId, {
        members: people([DEMO_MEMBERS[0], DEMO_MEMBERS[1]]),
      });
      say('Teams: Jonas Krüger und Aylin Demir sind der Besprechung beigetreten.');
      await pause();
      await meetingEvent(options.playgroundUrl, 'meetingParticipantLeave', meetingId, {
        members: people([DEMO_MEMBERS[2]]),
      });
      say('Teams: Thomas Weber hat die Besprechung verlassen.');
      if (step === 'besprechung-beginn') {
        say(
          'Öffnen Sie jetzt eine Abstimmung (abstimmung TOP 1): der Bot meldet sie in der Besprechung — in Teams als Hinweis auf der Besprechungsbühne. Dann: npm run demo -- besprechung-ende',
        );
        return lines;
      }
      await pause();
      await end();
      return lines;
    }
    case 'erledigt': {
      const open = (await store.followUps(DEMO_BODY)).filter((f) => f.value.status === 'open');
      const mine = open.flatMap((f) => {
        const who = DEMO_MEMBERS.find((m) => m.office === f.value.officeId);
        return who ? [{ f, who }] : [];
      });
      if (mine.length === 0)
        throw new DemoError(
          'Keine offene Wiedervorlage eines Demo-Amts. Legen Sie als SPK eine an: @Gremienbot wiedervorlage 2026/01 (zuständig z. B. Jugendamt)',
        );
      for (const { f, who } of mine)
        await act(who, 'followUp.done', {
          bodyId: DEMO_BODY,
          followUpId: f.id,
          [`note_${f.id}`]: 'Erledigt; Unterlagen liegen der SPK vor.',
        });
      return lines;
    }
  }
}

export class DemoError extends Error {}

export type Where = { readonly conversationId: string; readonly messageId: string };

/**
 * Asks the Playground to install the bot in the demo channel again (as opening its UI does): the
 * bot posts its welcome card, whose id the Playground's stream reports.
 */
async function welcomeCard(base: string): Promise<Where> {
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`);
  try {
    const posted = new Promise<Where>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DemoError('Der Bot hat im Kanal nicht geantwortet.')),
        15_000,
      );
      socket.onmessage = (event) => {
        const data = JSON.parse(String(event.data)) as {
          action?: string;
          actionConversationId?: string;
          message?: { messageId?: string };
        };
        const id = data.message?.messageId;
        if (data.action === 'createMessage' && id && data.actionConversationId?.startsWith(DEMO_CHANNEL)) {
          clearTimeout(timer);
          resolve({ conversationId: `${DEMO_CHANNEL};messageid=${id}`, messageId: id });
        }
      };
    });
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new DemoError('Der Playground ist nicht erreichbar. Läuft "npm start"?'));
    });
    const res = await fetch(`${base}/_debug/conversation/${encodeURIComponent(DEMO_CHANNEL)}/installation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!res.ok)
      throw new DemoError(`Der Playground antwortete ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return await posted;
  } finally {
    socket.close();
  }
}

/**
 * A Teams meeting event in the demo channel, through the Playground's custom activities: its
 * installation activity (the channel, the service URL) turned into a meetingStart or meetingEnd
 * event with the meeting's id, as Teams sends one for a channel meeting.
 */
async function meetingEvent(
  base: string,
  name: 'meetingStart' | 'meetingEnd' | 'meetingParticipantJoin' | 'meetingParticipantLeave',
  meetingId: string,
  participants?: { members: unknown[] },
): Promise<void> {
  const template = await fetch(
    `${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(DEMO_CHANNEL)}&type=install`,
  );
  if (!template.ok) throw new DemoError('Der Playground ist nicht erreichbar. Läuft "npm start"?');
  const {
    action: _action,
    membersAdded: _added,
    ...base_
  } = (await template.json()) as Record<string, unknown>;
  const channelData = (base_.channelData ?? {}) as Record<string, unknown>;
  const at = new Date().toISOString();
  const res = await fetch(`${base}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...base_,
      id: `demo-${name}-${Date.now()}`,
      type: 'event',
      name: `application/vnd.microsoft.${name}`,
      value: participants ?? {
        Id: meetingId,
        MeetingType: '',
        JoinUrl: null,
        Title: 'AG Planung – Sitzung',
        ...(name === 'meetingStart' ? { StartTime: at } : { EndTime: at }),
      },
      channelData: { ...channelData, meeting: { id: meetingId } },
    }),
  });
  if (!res.ok)
    throw new DemoError(`Der Playground antwortete ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/**
 * Presses an Action.Execute button as `userId` on the message `where` (the Playground honours
 * `from` on card actions); the bot's invoke answer. Shared with the end-to-end tests.
 */
export async function playgroundInvoke(
  base: string,
  where: Where,
  userId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ statusCode?: number; type?: string; value?: unknown }> {
  const res = await fetch(`${base}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      from: { id: userId },
      conversation: { id: where.conversationId },
      replyToId: where.messageId,
    }),
  });
  if (!res.ok)
    throw new DemoError(
      `Der Playground antwortete auf ${verb} mit ${res.status}: ${(await res.text()).slice(0, 300)}`,
    );
  const text = await res.text();
  return text ? (JSON.parse(text) as { statusCode?: number; type?: string; value?: unknown }) : {};
}

/** A card action as the given demo user; the bot's answer as text. */
async function invoke(
  base: string,
  where: Where,
  userId: string,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ text: string; raw: unknown }> {
  const answer = await playgroundInvoke(base, where, userId, verb, data);
  return {
    text: typeof answer.value === 'string' ? answer.value : firstLines(answer.value),
    raw: answer.value,
  };
}

/** The first few lines a card shows (what the clicking person would read). */
function firstLines(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text.replace(/\\(.)/g, '$1'));
      for (const key of ['body', 'items', 'columns']) if (o[key]) walk(o[key]);
    }
  };
  walk(card);
  return out.slice(0, 2).join(' – ') || '(keine Antwort)';
}

export function demoOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DemoOptions {
  return {
    playgroundUrl: `http://127.0.0.1:${env.PLAYGROUND_PORT ?? 56150}`,
    connectionString:
      env.STORAGE_CONNECTION_STRING ?? azuriteConnectionString(Number(env.AZURITE_PORT ?? 10002)),
    tablePrefix: env.TABLE_PREFIX ?? 'gb',
  };
}
