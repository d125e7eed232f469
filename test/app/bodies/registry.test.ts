import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BodyRegistry, rowOf } from '../../../src/app/bodies/registry.js';
import { loadBodyFiles } from '../../../src/body-files.js';
import { parseBody, toBodyInput } from '../../../src/domain/body.js';
import { bodyYaml } from '../../../src/files/documents.js';
import { InMemoryPartitionStore } from '../../../src/ports/in-memory-partition-store.js';
import type { PartitionStore } from '../../../src/ports/partition-store.js';
import { TableGremienStore } from '../../../src/storage/gremien-store.js';
import { TablePartitionStore } from '../../../src/storage/table-partition-store.js';
import { makeBody } from '../../support/bodies.js';
import { audit } from '../../support/session-seed.js';
import { tableClient } from '../../support/stores.js';

/**
 * Bodies live in Table Storage: the files are taken over once per content, every instance sees
 * a version another one wrote, and the version in force is the one that has taken effect.
 */
const stores: [string, () => Promise<PartitionStore>][] = [
  ['in memory', async () => new InMemoryPartitionStore()],
  ['Azurite', async () => new TablePartitionStore(await tableClient(), 10_000)],
];

describe('the presets round-trip through the stored form and the YAML export', () => {
  it.each(loadBodyFiles('bodies'))('$file: parseBody(toBodyInput(body)) is the body', ({ body, file }) => {
    expect(parseBody(JSON.parse(JSON.stringify(toBodyInput(body))), file)).toEqual(body);
  });

  it.each(loadBodyFiles('bodies'))(
    '$file: exported as YAML and imported again, it is the body',
    ({ body, file }) => {
      const exported = bodyYaml(body);
      expect(exported.startsWith(`# ${body.name}`)).toBe(true);
      expect(parseBody(parse(exported), file)).toEqual(body);
      // And the file's own content says the same as the export (every field, defaults included).
      expect(parse(exported)).toEqual(
        toBodyInput(parseBody(parse(readFileSync(path.join('bodies', file), 'utf8')), file)),
      );
    },
  );
});

describe.each(stores)('the body registry (%s)', (_name, makeStore) => {
  let day = '2027-01-04';
  const clock = { now: () => new Date(`${day}T09:00:00.000Z`) };

  it('takes over each file once; a changed file becomes a new version; two instances write it once', async () => {
    const partitions = await makeStore();
    const store = new TableGremienStore(partitions);
    const body = makeBody({ voting: 4 });
    const a = new BodyRegistry(store, clock);
    const b = new BodyRegistry(store, clock);
    await Promise.all([a.seed([{ body, file: 'test-ag.yaml' }]), b.seed([{ body, file: 'test-ag.yaml' }])]);
    expect(await store.bodyVersions(body.id)).toHaveLength(1);
    expect(a.get(body.id)).toMatchObject({
      name: body.name,
      version: { number: 1, effectiveFrom: '2027-01-04' },
    });
    // A restart with the same file changes nothing.
    await new BodyRegistry(store, clock).seed([{ body, file: 'test-ag.yaml' }]);
    expect(await store.bodyVersions(body.id)).toHaveLength(1);
    // A changed file: a new version, audited; the old one stays.
    day = '2027-02-01';
    const changed = { ...body, majority: { ...body.majority, fraction: { numerator: 3, denominator: 4 } } };
    await a.seed([{ body: changed, file: 'test-ag.yaml' }]);
    expect((await store.bodyVersions(body.id)).map((v) => v.number)).toEqual([1, 2]);
    expect(a.get(body.id)?.majority.fraction).toEqual({ numerator: 3, denominator: 4 });
    expect(a.history(body.id)[0]?.body.majority.fraction).toEqual({ numerator: 2, denominator: 3 });
    const audits = (await store.bodyAudit(body.id)).map((x) => x.action);
    expect(audits).toEqual(expect.arrayContaining(['body.created', 'body.amended']));
    // The other instance sees it at its next refresh (one directory read).
    expect(b.get(body.id)?.majority.fraction).toEqual({ numerator: 2, denominator: 3 });
    await b.refresh();
    expect(b.get(body.id)?.majority.fraction).toEqual({ numerator: 3, denominator: 4 });
    day = '2027-01-04';
  });

  it('the version in force is the latest that has taken effect; a future one waits for its day', async () => {
    const partitions = await makeStore();
    const store = new TableGremienStore(partitions);
    const body = makeBody({ voting: 4 });
    const registry = new BodyRegistry(store, clock);
    await registry.seed([{ body, file: 'test-ag.yaml' }]);
    const renamed = { ...body, name: 'Test-AG (neu)' };
    await store.commitBodyVersion(
      body.id,
      rowOf(renamed, {
        number: 2,
        effectiveFrom: '2027-03-01',
        reason: 'Umbenennung',
        decision: '',
        confirmedOn: '',
        createdAt: clock.now().toISOString(),
        createdBy: 'spk',
        source: 'teams',
      }),
      audit('body.amended'),
    );
    await registry.refresh();
    expect(registry.get(body.id)?.name).toBe('Test-AG');
    expect(registry.inForce(body.id, '2027-03-01')?.body.name).toBe('Test-AG (neu)');
    day = '2027-03-01';
    expect(registry.get(body.id)).toMatchObject({ name: 'Test-AG (neu)', version: { number: 2 } });
    day = '2027-01-04';
  });
});

describe.each(stores)('two SPK people amend at once (%s)', (_name, makeStore) => {
  it('two instances, each with version 1 in memory, save version 2: one is saved, the other told "inzwischen geändert"', async () => {
    const { saveBody } = await import('../../../src/app/bodies/save-body.js');
    const { formOf } = await import('../../../src/domain/body-form.js');
    const { depsFor, personOf } = await import('../../support/session-seed.js');
    const partitions = await makeStore();
    const body = { ...makeBody({ voting: 4 }), secretariatMembers: ['aad-spk'] };
    // The day the use cases see (depsFor's clock): version 1 is in force from it.
    const clock = { now: () => new Date('2026-12-10T09:30:00.000Z') };
    const instances = [0, 1].map(() => new BodyRegistry(new TableGremienStore(partitions), clock));
    for (const r of instances) await r.seed([{ body, file: 'test-ag.yaml' }]);
    const save = (registry: BodyRegistry, majority: string) => {
      const current = registry.get(body.id);
      if (!current) throw new Error('no body');
      return saveBody(
        { ...depsFor(partitions, [current]), registry, bodyAdmins: [] },
        {
          mode: 'amend',
          preview: false,
          base: current,
          basedOn: 1,
          fields: { ...formOf(current), majorityFraction: majority },
          version: { effectiveFrom: '', reason: `Mehrheit ${majority}`, decision: '', confirmedOn: '' },
          actor: personOf('spk'),
          activityId: `amend-${majority}`,
        },
      );
    };
    const [a, b] = instances as [BodyRegistry, BodyRegistry];
    const [first, second] = await Promise.all([save(a, '3/4'), save(b, '4/5')]);
    const kinds = [first.kind, second.kind].sort();
    expect(kinds).toEqual(['invalid', 'saved']);
    const refused = first.kind === 'invalid' ? first : second;
    expect(refused).toMatchObject({ kind: 'invalid', version: ['changedMeanwhile'] });
    const rows = await new TableGremienStore(partitions).bodyVersions(body.id);
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
    // Both instances agree on what is in force once they have looked.
    for (const r of instances) await r.refresh();
    expect(a.get(body.id)?.majority.fraction).toEqual(b.get(body.id)?.majority.fraction);
  });
});
