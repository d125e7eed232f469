import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

/**
 * Azurite's well-known development account. The key is public and documented by
 * Microsoft for the emulator; it grants nothing outside a local Azurite.
 */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export type AzuriteHandle = {
  readonly port: number;
  readonly connectionString: string;
  stop(): Promise<void>;
};

export type AzuriteOptions = {
  /** Folder for on-disk persistence; omit for an in-memory instance. */
  readonly location?: string;
  /** Fixed port; omit to take a free one. */
  readonly port?: number;
  readonly log?: (line: string) => void;
};

export function azuriteConnectionString(port: number): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=http://127.0.0.1:${port}/${DEV_ACCOUNT};`;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Azurite's table service bound to 127.0.0.1, with telemetry off, and waits
 * until it accepts connections. Runs on the same Node.js as the caller.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const port = options.port ?? (await freePort());
  const require = createRequire(import.meta.url);
  const main = path.join(path.dirname(require.resolve('azurite/package.json')), 'dist/src/table/main.js');
  const args = [
    main,
    '--tableHost',
    '127.0.0.1',
    '--tablePort',
    String(port),
    '--disableTelemetry',
    '--skipApiVersionCheck',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  if (!options.log) args.push('--silent');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (options.log) for (const line of chunk.toString().split('\n')) if (line.trim()) options.log(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await waitForPort(port, child, () => output);
  return {
    port,
    connectionString: azuriteConnectionString(port),
    // Azurite flushes its database on SIGINT only; SIGTERM would lose up to 5 s of writes.
    stop: () => stopChild(child, 'SIGINT'),
  };
}

/**
 * Waits for Azurite's own "successfully started" line. A TCP probe is not enough: in tests,
 * nock's socket interceptor can report a connection before anything listens.
 */
async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const ready = `successfully started on 127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}: ${output()}`);
    if (output().includes(ready)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`Azurite did not start on 127.0.0.1:${port} within 30 s: ${output()}`);
}

/** Ends a child process: the given signal, then SIGKILL after 5 s. Resolves when it is gone. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
