/** `npm run restore -- <folder>`: loads a checked backup into empty tables (src/ops/backup.ts). */
import { runRestore } from '../src/ops/backup-cli.js';

const result = await runRestore(process.argv.slice(2), process.env);
for (const line of result.lines) (result.code === 0 ? console.log : console.error)(line);
process.exitCode = result.code;
