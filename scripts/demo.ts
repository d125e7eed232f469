/**
 * `npm run demo -- <Schritt>`: plays the other members of the demo tenant while you act as the
 * SPK in the Agents Playground (which cannot switch users). Needs `npm start` running.
 */
import { DEMO_STEPS, DemoError, type DemoStep, demoOptionsFromEnv, runDemoStep } from './lib/demo.js';

const ALIASES: Record<string, DemoStep> = {
  members: 'mitglieder',
  join: 'mitglieder',
  topics: 'themen',
  checkin: 'anwesend',
  'check-in': 'anwesend',
  vote: 'abstimmen',
  abstimmung: 'abstimmen',
  done: 'erledigt',
  'follow-ups': 'erledigt',
  'meeting-start': 'besprechung-beginn',
  'meeting-end': 'besprechung-ende',
};

async function main(): Promise<void> {
  const arg = (process.argv[2] ?? '').trim().toLowerCase();
  const step = (arg in DEMO_STEPS ? arg : ALIASES[arg]) as DemoStep | undefined;
  if (!step) {
    process.stdout.write('Aufruf: npm run demo -- <Schritt>\n\n');
    for (const [name, what] of Object.entries(DEMO_STEPS))
      process.stdout.write(`  ${name.padEnd(11)} ${what}\n`);
    process.exitCode = arg ? 1 : 0;
    return;
  }
  process.stdout.write(`${DEMO_STEPS[step]}\n`);
  try {
    await runDemoStep(step, {
      ...demoOptionsFromEnv(),
      print: (line) => process.stdout.write(`  ${line}\n`),
    });
  } catch (e) {
    const message =
      e instanceof DemoError
        ? e.message
        : e instanceof Error && /fetch failed|ECONNREFUSED/.test(`${e.message} ${String(e.cause)}`)
          ? 'Der Playground oder Azurite ist nicht erreichbar. Läuft "npm start" in einem anderen Fenster?'
          : String(e instanceof Error ? e.message : e);
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  }
}

void main();
