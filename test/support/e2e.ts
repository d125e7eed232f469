import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type PlaygroundHandle, startPlayground } from '../../scripts/lib/playground.js';
import { startTestBot, type TestBot } from './bot.js';
import { PlaygroundClient, type PlaygroundConfig } from './playground-client.js';

export type E2E = {
  bot: TestBot;
  playground: PlaygroundHandle;
  client: PlaygroundClient;
  config: PlaygroundConfig;
  stop(): Promise<void>;
};

/** The real bot on Azurite and the Agents Playground (German client), all on loopback. */
export async function startE2E(env: Record<string, string> = {}): Promise<E2E> {
  const bot = await startTestBot(env);
  const playground = await startPlayground({
    botEndpoint: `${bot.url}/api/messages`,
    locale: 'de-DE',
    workDir: mkdtempSync(path.join(tmpdir(), 'gremienbot-playground-')),
  });
  const client = new PlaygroundClient(playground.url);
  const config = await client.connect();
  return {
    bot,
    playground,
    client,
    config,
    async stop() {
      client.close();
      await playground.stop();
      await bot.close();
    },
  };
}
