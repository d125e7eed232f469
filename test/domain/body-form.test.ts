import { describe, expect, it } from 'vitest';
import { loadBodyFiles } from '../../src/body-files.js';
import { bodyFromForm, formOf, slugOf } from '../../src/domain/body-form.js';

/** The SPK's body form reads back exactly what it showed, and names every problem by field. */
const presets = loadBodyFiles('bodies');

describe('the body form', () => {
  it.each(presets)(
    '$file: the form of a body, saved unchanged, is the body (nothing is lost)',
    ({ body }) => {
      expect(bodyFromForm(body, body.id, formOf(body))).toEqual({ body });
    },
  );

  it('renames, changes a role, adds and retires offices by their lines', () => {
    const body = presets[0]?.body;
    if (!body) throw new Error('no preset');
    const lines = formOf(body).offices.split('\n');
    const [first = '', second = ''] = lines;
    const edited = [
      first.replace(/\| [^|]+ \|/, '| Neuer Name |'),
      second.replace(/stimmberechtigt$/, 'beratend'),
      ...lines.slice(3),
      'Bezirkliche Seniorenvertretung | Gast',
    ].join('\n');
    const read = bodyFromForm(body, body.id, { ...formOf(body), offices: edited });
    if (!('body' in read)) throw new Error(JSON.stringify(read.problems));
    const [o1, o2, o3] = body.offices;
    expect(read.body.offices.find((o) => o.id === o1?.id)?.name).toBe('Neuer Name');
    expect(read.body.offices.find((o) => o.id === o2?.id)?.role).toBe('advisory');
    expect(read.body.offices.some((o) => o.id === o3?.id)).toBe(false);
    expect(read.body.offices.at(-1)).toEqual({
      id: 'bezirkliche-seniorenvertretung',
      name: 'Bezirkliche Seniorenvertretung',
      role: 'guest',
    });
  });

  it('names every problem by its field', () => {
    const body = presets[0]?.body;
    if (!body) throw new Error('no preset');
    const read = bodyFromForm(body, body.id, {
      ...formOf(body),
      name: ' ',
      majorityFraction: '3/2',
      reminderTime: '25:00',
      registrationDays: 'sieben',
      agendaDispatchDays: '9',
      umlaufReminderHours: '0',
      offices:
        'nur eine Zeile ohne Rolle\nAmt X | Chef\nunbekannt | Amt | stimmberechtigt\nAmt Y | beratend\namt y | Gast',
    });
    expect('problems' in read && read.problems.map((p) => `${p.field}:${p.problem}`)).toEqual(
      expect.arrayContaining([
        'name:required',
        'majorityFraction:fraction',
        'reminderTime:time',
        'registrationDays:number',
        'offices:officeLine',
        'offices:officeRole',
        'offices:noVotingOffice',
        'offices:officeDuplicate',
        'secretariat:secretariat',
        'umlaufReminderHours:number',
      ]),
    );
  });

  it('ids from names: readable, umlauts spelled out, never empty', () => {
    expect(slugOf('Amt für Soziales')).toBe('amt-fuer-soziales');
    expect(slugOf('Straßen- und Grünflächenamt')).toBe('strassen-und-gruenflaechenamt');
    expect(slugOf('§')).toBe('amt-x');
  });
});

describe('a period of at most a year (audit export, report)', () => {
  it('starts before it ends and spans at most the days allowed', async () => {
    const { isPeriodWithin } = await import('../../src/domain/calendar.js');
    expect(isPeriodWithin('2027-01-01', '2027-12-31', 366)).toBe(true);
    expect(isPeriodWithin('2027-01-01', '2027-01-01', 366)).toBe(true);
    expect(isPeriodWithin('2027-01-02', '2027-01-01', 366)).toBe(false);
    expect(isPeriodWithin('2027-01-01', '2028-01-02', 366)).toBe(false);
    expect(isPeriodWithin('2028-01-01', '2028-12-31', 366)).toBe(true);
  });
});
