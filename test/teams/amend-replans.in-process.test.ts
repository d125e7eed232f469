import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf } from '../../src/domain/body-form.js';
import { localTimeOf } from '../../src/domain/calendar.js';
import { type InProcessBot, startInProcessBot } from '../support/in-process-bot.js';
import { click, invoke, PLANUNG, SPK } from '../support/teams-actions.js';

/**
 * An amendment re-plans what the bot sends on its own: the reminders of a session ahead move to
 * the new reminder time, once each, and nothing stays planned at the old one.
 */
let bot: InProcessBot;
beforeAll(async () => {
  bot = await startInProcessBot({ SECRETARIAT_MEMBERS: `*:${SPK.aadObjectId}` });
  expect(await invoke(bot, click(SPK, 'body.link', { bodyId: PLANUNG }))).toContain('gehört jetzt');
  expect(
    await invoke(
      bot,
      click(SPK, 'session.create', { bodyId: PLANUNG, date: '2026-12-10', time: '10:00', place: '' }),
    ),
  ).toContain('angelegt');
});
afterAll(async () => {
  await bot.close();
});

const reminders = async () =>
  (await bot.notifications.pendingRows())
    .filter((r) => r.value.kind === 'registrationReminder')
    .map((r) => `${r.value.key} ${localTimeOf(new Date(r.value.dueAt))}`)
    .sort();

describe('an amendment re-plans reminders', () => {
  it('reminder time 08:00 → 09:00: each reminder once, at 09:00, none left at 08:00', async () => {
    const before = await reminders();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.endsWith(' 08:00'))).toBe(true);
    const versions = await bot.store.bodyVersions(PLANUNG);
    const { versionOf } = await import('../../src/app/bodies/registry.js');
    const last = versions.at(-1);
    if (!last) throw new Error('no stored version');
    const current = versionOf(last);
    const saved = await invoke(
      bot,
      click(SPK, 'body.save', {
        mode: 'amend',
        basedOn: current.number,
        template: '',
        ...formOf(current.body),
        reminderTime: '09:00',
        effectiveFrom: '',
        reason: 'Erinnerungen erst um 9 Uhr',
        decision: '',
        confirmedOn: '',
      }),
    );
    expect(saved).toContain('Fassung 2');
    expect(await reminders()).toEqual(before.map((r) => r.replace(' 08:00', ' 09:00')));
  });
});
