import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
import { stringify } from 'yaml';
import type { GremienStore } from '../../src/ports/gremien-store.js';
import type { ItemRow } from '../../src/ports/records.js';
import { TableGremienStore } from '../../src/storage/gremien-store.js';
import { TablePartitionStore } from '../../src/storage/table-partition-store.js';
import { bodyInput } from './bodies.js';
import { captureConnector, startTestBot, TEST_NOW, type TestBot } from './bot.js';
import { seedMember } from './session-seed.js';
import { click, invoke, type Person, SERVICE_URL, SPK } from './teams-actions.js';

/** The generated test body's id (support/bodies.ts). */
export const TEST_BODY = 'test-ag';

/** The bot's `gremien` table on Azurite, read and written as the bot does (set-up and assertions). */
export function storeOf(bot: TestBot): GremienStore {
  const client = TableClient.fromConnectionString(
    inject('azuriteConnectionString'),
    `${bot.env.TABLE_PREFIX}gremien`,
    { allowInsecureConnection: true },
  );
  return new TableGremienStore(new TablePartitionStore(client, 5000));
}

/**
 * The real bot over HTTP on Azurite, with a body file of its own (`voting` offices `amt-1…`,
 * `commissioners` offices `beauftragte-1…`) and SPK as its secretariat.
 */
export async function startBodyBot(
  shape: {
    voting: number;
    commissioners: number;
  },
  overrides: Record<string, string> = {},
): Promise<{ bot: TestBot; store: GremienStore }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bodies-'));
  writeFileSync(path.join(dir, `${TEST_BODY}.yaml`), stringify(bodyInput(shape)));
  const bot = await startTestBot({
    BODIES_DIR: dir,
    SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}`,
    ...overrides,
  });
  return { bot, store: storeOf(bot) };
}

/**
 * People of a test file, one per office: `people('0d0d0d0d')('amt-3')` has the Entra id
 * `0d0d0d0d-0000-4000-8000-000000000003` (each file its own prefix, so files never share people).
 */
export function people(idPrefix: string): (office: string) => Person {
  return (office) => ({
    // As Teams sends it: a 29:… id of about 90 characters, distinct per file prefix and office.
    id: `29:1${idPrefix}${office.replace(/[^a-z0-9]/gi, '')}${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(3)}`.slice(
      0,
      90,
    ),
    name: `Vertretung ${office}`,
    aadObjectId: `${idPrefix}-0000-4000-8000-${office.replace(/\D/g, '').padStart(12, '0')}`,
  });
}

/** Approves each person as their office's member (written directly, as set-up). */
export async function approveMembers(
  store: GremienStore,
  bodyId: string,
  members: readonly (readonly [office: string, person: Person])[],
): Promise<void> {
  for (const [officeId, p] of members) {
    await seedMember(
      store,
      bodyId,
      { aadObjectId: p.aadObjectId, officeId, name: p.name, teamsUserId: p.id },
      TEST_NOW,
    );
  }
}

/**
 * An agenda item of `amt-1`, registered `registeredAt`, written directly as set-up: a Beschluss
 * item comes with a document and its conflicts of goals, as registration requires.
 */
export function testItem(
  submitter: Person,
  itemId: string,
  title: string,
  purpose: ItemRow['purpose'],
  registeredAt: Date,
  extra: Partial<ItemRow> = {},
): ItemRow {
  return {
    itemId,
    title,
    purpose,
    description: `Beschreibung ${title}`,
    documents: purpose === 'decision' ? [`https://example.org/${itemId}.pdf`] : [],
    conflictsOfGoals: purpose === 'decision' ? 'Kosten gegen Nutzen' : '',
    officeId: 'amt-1',
    submittedBy: submitter.aadObjectId,
    submitterName: submitter.name,
    status: 'registered',
    registeredAt: registeredAt.toISOString(),
    decidedBy: '',
    grants: [],
    ...extra,
  };
}

/**
 * The usual start of a session test over HTTP: the body's bot with one member per office, the
 * demo channel linked by the SPK, and the session of 22 November 2026, 12:00 (TEST_NOW's day).
 */
export async function startWithSession(
  offices: readonly string[],
  person: (office: string) => Person,
  overrides: Record<string, string> = {},
): Promise<{ bot: TestBot; store: GremienStore }> {
  const started = await startBodyBot({ voting: offices.length, commissioners: 0 }, overrides);
  await approveMembers(
    started.store,
    TEST_BODY,
    offices.map((o) => [o, person(o)] as const),
  );
  captureConnector(SERVICE_URL);
  const linked = await invoke(started.bot, click(SPK, 'body.link', { bodyId: TEST_BODY }));
  if (!linked.includes('gehört jetzt')) throw new Error(`channel not linked: ${linked}`);
  const created = await invoke(
    started.bot,
    click(SPK, 'session.create', { bodyId: TEST_BODY, date: '2026-11-22', time: '12:00', place: 'Raum 101' }),
  );
  if (!created.includes('angelegt')) throw new Error(`session not created: ${created}`);
  return started;
}
