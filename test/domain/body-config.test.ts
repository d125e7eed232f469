import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadBodies, loadBodyFile } from '../../src/body-files.js';
import { BodyConfigError, parseBody, votingOffices } from '../../src/domain/body.js';
import { quorumStatus } from '../../src/domain/quorum.js';
import { bodyInput } from '../support/bodies.js';

function problemsOf(raw: unknown): string[] {
  try {
    parseBody(raw, 'ag-test.yaml');
  } catch (e) {
    if (e instanceof BodyConfigError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('invalid body files are rejected with their own message', () => {
  const valid = bodyInput();
  it('the valid input is valid (so the cases below can fail)', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it.each([
    [
      'duplicate office ids',
      { ...valid, offices: [...valid.offices, { id: 'amt-1', name: 'Amt eins', role: 'voting' }] },
      /^ag-test\.yaml: offices\[13\]\.id: duplicate office id "amt-1"$/,
    ],
    [
      'a voting rule with no base',
      { ...valid, majority: { fraction: '2/3', comparison: 'atLeast' } },
      /^ag-test\.yaml: majority\.base: must state its base: one of presentVotingMembers, allVotingMembers, ballotsCast, yesAndNoVotes$/,
    ],
    [
      'an unknown office as SPK',
      { ...valid, secretariat: 'bezirksbuergermeister' },
      /^ag-test\.yaml: secretariat: "bezirksbuergermeister" is not one of the body's offices$/,
    ],
    [
      'a negative offset',
      { ...valid, deadlines: { ...valid.deadlines, registrationDays: -7 } },
      /^ag-test\.yaml: deadlines\.registrationDays: must not be negative \(registration deadline\)$/,
    ],
    [
      'a negative reminder',
      { ...valid, deadlines: { ...valid.deadlines, reminderDays: [7, -5] } },
      /^ag-test\.yaml: deadlines\.reminderDays\[1\]: must not be negative \(reminder\)$/,
    ],
    [
      'a fraction that is not one',
      { ...valid, quorum: { ...valid.quorum, fraction: 'half' } },
      /^ag-test\.yaml: quorum\.fraction: must be a fraction between 0 and 1 such as "2\/3", got "half"$/,
    ],
    [
      'an unknown role',
      { ...valid, offices: [{ id: 'x1', name: 'X', role: 'chair' }, ...valid.offices] },
      /offices\[0\]\.role: must be one of voting, commissioner, advisory, guest/,
    ],
    ['another time zone', { ...valid, timeZone: 'Europe/London' }, /timeZone: must be "Europe\/Berlin"/],
    [
      'the agenda before the registration deadline',
      { ...valid, deadlines: { ...valid.deadlines, agendaDispatchDays: 9 } },
      /deadlines\.agendaDispatchDays: the agenda \(9 days before\) cannot go out before registration closes \(7 days before\)/,
    ],
    [
      'no voting office',
      { ...valid, offices: valid.offices.map((o) => ({ ...o, role: 'advisory' })) },
      /offices: a body needs at least one voting office/,
    ],
    ['an unknown field', { ...valid, chair: 'spk' }, /\(root\): .*chair/],
    [
      'a bad time',
      { ...valid, cadence: { ...valid.cadence, startTime: '25:00' } },
      /cadence\.startTime: must be a time "HH:MM"/,
    ],
  ])('%s', (_name, raw, message) => {
    const problems = problemsOf(raw);
    expect(
      problems.some((p) => message.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('reports every field problem of a file at once (cross-field checks follow once the fields are valid)', () => {
    const problems = problemsOf({
      ...valid,
      majority: { fraction: '2/3', comparison: 'atLeast' },
      deadlines: { ...valid.deadlines, registrationDays: -1 },
    });
    expect(problems).toHaveLength(2);
  });

  it('names the file for a YAML syntax error and for a link to an unknown body', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bodies-'));
    writeFileSync(path.join(dir, 'broken.yaml'), 'id: [unclosed');
    expect(() => loadBodyFile(path.join(dir, 'broken.yaml'))).toThrow(
      /^broken\.yaml: \(file\): not valid YAML/,
    );
    writeFileSync(path.join(dir, 'broken.yaml'), stringify({ ...valid, agendaAlsoTo: ['nirgendwo'] }));
    expect(() => loadBodies(dir)).toThrow(/broken\.yaml: agendaAlsoTo: unknown body "nirgendwo"/);
  });
});

describe('presets from the sources', () => {
  const bodies = loadBodies('bodies');
  const byId = (id: string) => {
    const b = bodies.find((x) => x.id === id);
    if (!b) throw new Error(`missing preset ${id}`);
    return b;
  };
  const namesWithRole = (id: string, role: string) =>
    byId(id)
      .offices.filter((o) => o.role === role)
      .map((o) => o.name);

  it('every preset file validates', () => {
    expect(bodies.map((b) => b.id).sort()).toEqual([
      'ag-planung-steglitz-zehlendorf',
      'ag-sro-mitte',
      'uag-infrastruktur-mitte',
    ]);
  });

  it('AG Planung (004): 13 members, two Beauftragte advising, SPK runs it, every two months', () => {
    const b = byId('ag-planung-steglitz-zehlendorf');
    const members = b.offices.filter((o) => o.id !== 'spk');
    expect(members).toHaveLength(13);
    expect(namesWithRole(b.id, 'commissioner')).toEqual([
      'Beauftragte für Integration und Partizipation',
      'Beauftragte für Klimaschutz',
    ]);
    expect(votingOffices(b)).toHaveLength(11);
    expect(b.secretariat).toBe('spk');
    expect(b.cadence.intervalMonths).toBe(2);
    expect(quorumStatus(b, []).needed).toBe(6);
    expect(b.assumptions.map((a) => a.setting)).toContain('quorum, majority');
  });

  it('AG SRO Mitte (000 §3/§4): 23 members, all but the Beauftragte and the KJB vote, monthly', () => {
    const b = byId('ag-sro-mitte');
    const members = b.offices.filter((o) => o.role !== 'guest');
    expect(members).toHaveLength(23);
    expect(votingOffices(b)).toHaveLength(17);
    expect(namesWithRole(b.id, 'commissioner')).toHaveLength(5);
    expect(namesWithRole(b.id, 'advisory')).toEqual(['Kinder- und Jugendbüro']);
    expect(b.cadence.intervalMonths).toBe(1);
    expect(b.agendaAlsoTo).toEqual(['uag-infrastruktur-mitte']);
  });

  it('UAG Infrastruktur Mitte (000 §3.1/§4.1): FB Stadtplanung and SPK without a vote, at least quarterly', () => {
    const b = byId('uag-infrastruktur-mitte');
    const standing = [
      'al-stadtentwicklung',
      'jugendamt',
      'schul-und-sportamt',
      'weiterbildung-kultur',
      'umwelt-naturschutz',
      'se-facility-management',
      'strassen-gruenflaechen',
      'se-personal-finanzen',
      'fb-stadtplanung',
      'spk',
    ];
    expect(standing.every((id) => b.offices.some((o) => o.id === id))).toBe(true);
    expect(
      votingOffices(b)
        .map((o) => o.id)
        .sort(),
    ).toEqual(standing.filter((id) => id !== 'fb-stadtplanung' && id !== 'spk').sort());
    expect(b.offices.find((o) => o.id === 'fb-stadtplanung')?.role).toBe('advisory');
    expect(b.offices.find((o) => o.id === 'spk')?.role).toBe('advisory');
    expect(b.cadence).toMatchObject({ intervalMonths: 3, onDemand: true });
    expect(quorumStatus(b, []).needed).toBe(4);
  });

  it('all presets use the default rules: quorum ≥ 1/2 of voting members, 2/3 of those present, 7/5 days', () => {
    for (const b of bodies) {
      expect(b.quorum).toEqual({
        fraction: { numerator: 1, denominator: 2 },
        comparison: 'atLeast',
        base: 'allVotingMembers',
      });
      expect(b.majority).toEqual({
        fraction: { numerator: 2, denominator: 3 },
        comparison: 'atLeast',
        base: 'presentVotingMembers',
      });
      expect(b.deadlines).toMatchObject({ registrationDays: 7, agendaDispatchDays: 5, reminderDays: [7, 5] });
    }
  });

  it('any valid body stays valid when its numbers change within range (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (voting, commissioners, registrationDays) => {
          const raw = bodyInput({ voting, commissioners });
          const body = parseBody(
            {
              ...raw,
              deadlines: {
                ...raw.deadlines,
                registrationDays,
                agendaDispatchDays: Math.min(5, registrationDays),
              },
            },
            'p.yaml',
          );
          expect(votingOffices(body)).toHaveLength(voting);
        },
      ),
    );
  });
});
