/**
 * `npm start`: the whole local setup in one process tree — Azurite (data kept in
 * .data/azurite), the bot in local development mode, and the Agents Playground —
 * all on 127.0.0.1. Ctrl-C stops all three.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBot } from '../src/bootstrap.js';
import { ConfigError } from '../src/config.js';
import { createConsoleLogger } from '../src/console-logger.js';
import { loadConfig } from '../src/load-config.js';
import { isSupportedNode } from '../src/runtime.js';
import { startAzurite } from '../src/storage/azurite.js';
import { startTelemetry } from '../src/telemetry/setup.js';
import { startPlayground } from './lib/playground.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEMO_TENANT = '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b';

async function main(): Promise<void> {
  if (!isSupportedNode(process.version)) {
    throw new Error(
      `Node.js ${process.version} is too old: start through npm so the project's Node.js 22 runs.`,
    );
  }
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  process.on('SIGHUP', () => void stopAll(0));
  // npm does not pass SIGTERM or SIGHUP on to the script: when npm (or any process between it
  // and this one) is gone, stop too, or Azurite and the Playground would keep their ports.
  const ancestors = ancestorPids();
  setInterval(() => {
    if (ancestors.some((pid) => !alive(pid))) void stopAll(0);
  }, 500).unref();

  try {
    await ensureFree('AZURITE_PORT', Number(process.env.AZURITE_PORT ?? 10002));
    await ensureFree('PORT', Number(process.env.PORT ?? 3978));
    await ensureFree('PLAYGROUND_PORT', Number(process.env.PLAYGROUND_PORT ?? 56150));
    const azurite = await startAzurite({
      location: path.join(root, '.data/azurite'),
      port: Number(process.env.AZURITE_PORT ?? 10002),
    });
    stops.push(azurite.stop);

    const config = loadConfig({
      LOCAL_DEV_MODE: 'true',
      ALLOWED_TENANT_IDS: DEMO_TENANT,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      // The demo's SPK user (playground/config.yml) runs every body.
      SECRETARIAT_MEMBERS: '*:sabine.petersen@ba-demo.berlin.de',
      // The group drive of the demo: released protocols are filed here (000 §6).
      GROUP_DRIVE_DIR: path.join(root, '.data/gruppenlaufwerk'),
      ...process.env,
    });
    const logger = createConsoleLogger(config.logLevel);
    logger.info('Azurite table service running', { port: azurite.port, data: '.data/azurite' });
    // No telemetry locally unless asked for (TELEMETRY=console npm start).
    const telemetry = startTelemetry(config);
    stops.push(telemetry.shutdown);
    const server = await startBot(config, logger);
    stops.push(server.close);

    const playground = await startPlayground({
      botEndpoint: `${server.url}/api/messages`,
      port: Number(process.env.PLAYGROUND_PORT ?? 56150),
      locale: process.env.PLAYGROUND_LOCALE ?? 'de-DE',
      workDir: path.join(root, '.data/playground'),
    });
    stops.push(playground.stop);

    process.stdout.write(
      `\n  Gremienbot läuft / is running.\n  Open the Agents Playground: ${playground.url}\n  Type "hilfe" (or "help"). Ctrl-C stops Azurite, bot and Playground.\n\n`,
    );
  } catch (e) {
    process.stderr.write(`${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}\n`);
    await stopAll(1);
  }
}

/** This process's parent, grandparent … up to npm (Linux: /proc; elsewhere the parent only). */
function ancestorPids(): number[] {
  const pids: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 5 && pid > 1; depth++) {
    pids.push(pid);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (/\bnpm/.test(cmd)) break;
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      break;
    }
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A busy port is named by the variable that moves it, before anything is started. */
async function ensureFree(variable: string, port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1' }, () => probe.close(() => resolve(true)));
  });
  if (!free) {
    throw new Error(
      `Port ${port} on 127.0.0.1 is in use (${variable}). Stop the process that holds it (an earlier npm start?) or choose another port, e.g. ${variable}=${port + 10} npm start`,
    );
  }
}

void main();
