import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSupportedNode } from '../src/runtime.js';

describe('runtime', () => {
  it('the tests run on the Node.js 22 LTS the project brings, not the machine’s Node 20', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
    expect(isSupportedNode(process.version)).toBe(true);
  });

  it('package.json pins that runtime and declares it in engines', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies.node).toMatch(/^22\.\d+\.\d+$/);
    expect(pkg.engines.node).toContain('>=22.12');
  });

  it.each([
    ['v20.20.2', false],
    ['v22.11.0', false],
    ['v22.12.0', true],
    ['v22.23.3', true],
    ['v24.1.0', true],
  ])('isSupportedNode(%s) = %s', (version, expected) => {
    expect(isSupportedNode(version)).toBe(expected);
  });
});
