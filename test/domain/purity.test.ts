import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Imports are checked by Biome (noRestrictedImports on src/domain); this test covers what a
// lint rule on imports cannot see: the clock, randomness, the environment and timers.
const dir = 'src/domain';
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/domain is pure', () => {
  it.each(files)('%s reads no clock, randomness, environment or I/O', (file) => {
    const code = readFileSync(path.join(dir, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const forbidden = [
      /Date\.now\s*\(/,
      /new Date\s*\(\s*\)/,
      /performance\.now/,
      /Math\.random/,
      /process\./,
      /setTimeout|setInterval/,
      /from ['"]node:/,
      /from ['"](@microsoft\/teams|@azure\/|express|nock)/,
      /\bfetch\s*\(/,
    ];
    for (const pattern of forbidden) expect(code, `${file} matches ${pattern}`).not.toMatch(pattern);
  });
});
