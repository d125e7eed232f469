/** `npm run backup [-- <folder>]`: every table as JSON lines with a manifest and checksums (src/ops/backup.ts). */
import { runBackup } from '../src/ops/backup-cli.js';

const result = await runBackup(process.argv.slice(2), process.env);
for (const line of result.lines) (result.code === 0 ? console.log : console.error)(line);
process.exitCode = result.code;
