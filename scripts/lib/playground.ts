import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, stopChild } from '../../src/storage/azurite.js';

/**
 * Starts the Microsoft 365 Agents Playground (a Microsoft development tool under a
 * pre-release licence: local runs and tests only, never shipped) bound to 127.0.0.1,
 * with telemetry off, no browser, and the committed demo team.
 */
export type PlaygroundHandle = {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
};

export type PlaygroundOptions = {
  readonly botEndpoint: string;
  readonly port?: number;
  /** Client locale the Playground reports in activities (e.g. "de-DE", "en-US"). */
  readonly locale?: string;
  readonly workDir: string;
  readonly log?: (line: string) => void;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundHandle> {
  const port = options.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const cli = path.join(
    path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')),
    'cli.js',
  );
  mkdirSync(options.workDir, { recursive: true });
  const lang = (options.locale ?? 'de-DE').replace('-', '_');
  const child = spawn(
    process.execPath,
    [
      '--require',
      path.join(root, 'playground/listen-loopback.cjs'),
      cli,
      '--app-endpoint',
      options.botEndpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(port),
      '--service-url',
      `http://127.0.0.1:${port}/_connector`,
      '--disable-telemetry',
    ],
    {
      cwd: options.workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: `${lang}.UTF-8`,
        PLAYGROUND_CLIENT_LOCALE: options.locale ?? 'de-DE',
        LC_ALL: `${lang}.UTF-8`,
        TZ: 'Europe/Berlin',
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(root, 'playground/config.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(options.workDir, 'playground.log'),
      },
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  await waitForPing(url, child, () => output);
  return { url, port, stop: () => stopChild(child) };
}

async function waitForPing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Playground exited with code ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`${url}/_debug/ping`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`Playground did not answer at ${url} within 30 s: ${output()}`);
}
