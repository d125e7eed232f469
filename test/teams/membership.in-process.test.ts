import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import { captureConnector, cardOf, cardText, eventually } from '../support/bot.js';
import { type InProcessBot, startInProcessBot } from '../support/in-process-bot.js';
import {
  AYLIN,
  CHANNEL,
  click,
  invoke,
  JONAS,
  PLANUNG,
  reply,
  SERVICE_URL,
  SPK,
  say,
} from '../support/teams-actions.js';
import { TEST_TENANT } from '../support/test-env.js';

// Membership rules through the real routes, in-process on the in-memory store (no Azurite).
let bot: InProcessBot;
let store: GremienStore;

beforeAll(async () => {
  bot = await startInProcessBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  store = bot.store;
});
afterAll(async () => {
  await bot.close();
});

describe('linking a channel to a body', () => {
  it('"gremium verbinden" in a chat explains it needs a channel', async () => {
    expect(await reply(bot, say(SPK, 'gremium verbinden', 'personal'))).toContain('nur in einem Kanal');
  });

  it('"gremium verbinden" in a channel offers the configured bodies', async () => {
    const text = await reply(bot, say(SPK, 'Gremium verbinden'));
    expect(text).toContain('AG Planung Steglitz-Zehlendorf');
    expect(text).toContain('AG Sozialraumorientierung Mitte');
  });

  it('a non-SPK person cannot link; nothing is stored', async () => {
    expect(await invoke(bot, click(JONAS, 'body.link', { bodyId: PLANUNG }))).toContain(
      'nur die Geschäftsstelle',
    );
    expect(await store.channelLink(TEST_TENANT, CHANNEL)).toBeUndefined();
  });

  it('forged card data (unknown body, wrong type) is refused', async () => {
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: 'erfundene-ag' }))).toContain(
      'ungültige Daten',
    );
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: { $gt: '' } }))).toContain('ungültige Daten');
    expect(await invoke(bot, click(SPK, 'no.such.verb', {}))).toContain('ungültige Daten');
  });

  it('the SPK links the channel; the link and its audit are stored', async () => {
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain(
      'gehört jetzt zur AG Planung',
    );
    expect(await store.channelLink(TEST_TENANT, CHANNEL)).toMatchObject({
      bodyId: PLANUNG,
      linkedBy: SPK.aadObjectId,
    });
    expect((await store.bodyAudit(PLANUNG)).map((a) => a.action)).toContain('body.channelLinked');
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain(
      'bereits mit der AG Planung',
    );
  });

  it('one channel, one body: a second body needs another channel', async () => {
    expect(await invoke(bot, click(SPK, 'body.link', { bodyId: 'ag-sro-mitte' }))).toContain(
      'gehört schon zu einer anderen',
    );
    expect((await store.channelLink(TEST_TENANT, CHANNEL))?.bodyId).toBe(PLANUNG);
  });
});

describe('office membership', () => {
  it('"mitglied werden" in the linked channel offers only that body’s offices', async () => {
    const text = await reply(bot, say(JONAS, 'mitglied werden'));
    expect(text).toContain('Jugendamt');
    expect(text).toContain('Beauftragte für Klimaschutz');
    expect(text).not.toContain('Ordnungsamt'); // an AG SRO Mitte office
  });

  it('a request is pending and the SPK channel gets an approval card', async () => {
    const { sent } = captureConnector(SERVICE_URL);
    const text = await invoke(bot, click(JONAS, 'member.request', { choice: `${PLANUNG}|jugendamt` }));
    expect(text).toContain('liegt der SPK zur Bestätigung vor');
    await eventually(() => sent.length === 1);
    expect(sent[0]?.conversationId).toBe(CHANNEL);
    const card = cardOf(sent[0]?.body ?? {});
    expect(cardText(card)).toContain('Jonas Krüger möchte für „Jugendamt“');
    expect((await store.member(PLANUNG, JONAS.aadObjectId))?.value).toMatchObject({
      officeId: 'jugendamt',
      status: 'pending',
    });
    expect(await invoke(bot, click(JONAS, 'member.request', { choice: `${PLANUNG}|jugendamt` }))).toContain(
      'wartet noch',
    );
  });

  it('refuses an office of another body and malformed choices', async () => {
    expect(await invoke(bot, click(AYLIN, 'member.request', { choice: `${PLANUNG}|ordnungsamt` }))).toContain(
      'gehört nicht zu der Arbeitsgruppe',
    );
    expect(await invoke(bot, click(AYLIN, 'member.request', { choice: 'jugendamt' }))).toContain(
      'ungültige Daten',
    );
    expect(await store.member(PLANUNG, AYLIN.aadObjectId)).toBeUndefined();
  });

  it('only the SPK decides; the request stays pending otherwise', async () => {
    const data = {
      bodyId: PLANUNG,
      memberAadObjectId: JONAS.aadObjectId,
      decision: 'approve',
      officeId: 'jugendamt',
    };
    expect(await invoke(bot, click(AYLIN, 'member.decide', data))).toContain('nur die Geschäftsstelle');
    expect((await store.member(PLANUNG, JONAS.aadObjectId))?.value.status).toBe('pending');
  });

  it('the SPK approves: the first person of an office represents it, the next is deputy', async () => {
    expect(
      await invoke(
        bot,
        click(SPK, 'member.decide', {
          bodyId: PLANUNG,
          memberAadObjectId: JONAS.aadObjectId,
          decision: 'approve',
          officeId: 'jugendamt',
        }),
      ),
    ).toContain('vertritt jetzt „Jugendamt“ (Vertretung)');
    await invoke(bot, click(AYLIN, 'member.request', { choice: `${PLANUNG}|jugendamt` }));
    expect(
      await invoke(
        bot,
        click(SPK, 'member.decide', {
          bodyId: PLANUNG,
          memberAadObjectId: AYLIN.aadObjectId,
          decision: 'approve',
          officeId: 'jugendamt',
        }),
      ),
    ).toContain('(Stellvertretung)');
    const actions = (await store.bodyAudit(PLANUNG)).map((a) => a.action);
    expect(actions.filter((a) => a === 'member.approved')).toHaveLength(2);
  });

  it('the SPK can decline; an unknown request is reported', async () => {
    const other = {
      ...AYLIN,
      id: '29:petra',
      name: 'Petra Schulz',
      aadObjectId: '5a1d0c6e-5555-4a00-8000-000000000005',
    };
    await invoke(bot, click(other, 'member.request', { choice: `${PLANUNG}|amt-fuer-soziales` }));
    expect(
      await invoke(
        bot,
        click(SPK, 'member.decide', {
          bodyId: PLANUNG,
          memberAadObjectId: other.aadObjectId,
          decision: 'decline',
          officeId: 'amt-fuer-soziales',
        }),
      ),
    ).toContain('abgelehnt');
    expect(await store.member(PLANUNG, other.aadObjectId)).toBeUndefined();
    expect(
      await invoke(
        bot,
        click(SPK, 'member.decide', {
          bodyId: PLANUNG,
          memberAadObjectId: other.aadObjectId,
          decision: 'approve',
          officeId: 'amt-fuer-soziales',
        }),
      ),
    ).toContain('gibt es nicht');
  });

  it('an approval card acts on exactly the request it showed: after a new request for another office it is refused', async () => {
    const mariam = {
      ...AYLIN,
      id: '29:mariam',
      name: 'Mariam Haddad',
      aadObjectId: '5a1d0c6e-6666-4a00-8000-000000000006',
    };
    await invoke(bot, click(mariam, 'member.request', { choice: `${PLANUNG}|jugendamt` }));
    const first = await store.member(PLANUNG, mariam.aadObjectId);
    // She asks again, now for the SPK's own office.
    await invoke(bot, click(mariam, 'member.request', { choice: `${PLANUNG}|spk` }));
    // The SPK presses Bestätigen on the first card (Jugendamt, as it showed).
    const stale = await invoke(
      bot,
      click(SPK, 'member.decide', {
        bodyId: PLANUNG,
        memberAadObjectId: mariam.aadObjectId,
        decision: 'approve',
        officeId: 'jugendamt',
        requestedAt: first?.value.since,
      }),
    );
    expect(stale).toContain('hat sich geändert');
    expect((await store.member(PLANUNG, mariam.aadObjectId))?.value).toMatchObject({
      officeId: 'spk',
      status: 'pending',
    });
    // A card of an older version, without the request it showed, decides nothing either.
    expect(
      await invoke(
        bot,
        click(SPK, 'member.decide', {
          bodyId: PLANUNG,
          memberAadObjectId: mariam.aadObjectId,
          decision: 'approve',
        }),
      ),
    ).toContain('hat sich geändert');
    expect((await store.member(PLANUNG, mariam.aadObjectId))?.value.status).toBe('pending');
  });

  it('"mitglieder" shows the roster with roles and representatives', async () => {
    const text = await reply(bot, say(SPK, 'mitglieder'));
    expect(text).toContain('Mitglieder der AG Planung Steglitz-Zehlendorf');
    expect(text).toContain('**Jugendamt** · stimmberechtigt');
    expect(text).toContain('Jonas Krüger, Aylin Demir (Stellvertretung)');
    expect(text).toContain('**Beauftragte für Klimaschutz** · Beauftragte, beratend');
  });

  it('in English for an English client', async () => {
    const text = await reply(bot, { ...say(SPK, 'members'), locale: 'en-GB' });
    expect(text).toContain('Members of AG Planung');
    expect(text).toContain('voting');
  });
});
