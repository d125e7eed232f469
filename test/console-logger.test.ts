import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from '../src/console-logger.js';
import { logSafely } from '../src/ports/log-safety.js';
import { RecordingLogger } from '../src/ports/logger.js';
import { sdkLogger } from '../src/teams/sdk-logger.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('logs are structured', () => {
  it('one JSON object per entry: user input cannot start a line of its own', () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const forged = 'x"}\n2026-12-01T00:00:00.000Z ERROR [gremienbot] admin logged in\n{"a":"';
    createConsoleLogger('info').warn('activity refused', { text: forged });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]?.slice(0, -1)).not.toContain('\n');
    const entry = JSON.parse(lines[0] ?? '') as { level: string; message: string; context: { text: string } };
    expect(entry).toMatchObject({ level: 'warn', message: 'activity refused', context: { text: forged } });
  });

  it('the Teams SDK’s log keeps short strings and error messages, never objects such as an activity or a request', () => {
    const recorded = new RecordingLogger();
    const log = sdkLogger(recorded, 'sdk', 'debug');
    log.debug('Handling activity', { type: 'message', text: 'geheimer Inhalt', from: { id: 'x' } });
    log.error('JWT validation failed', new Error('invalid signature'), {
      headers: { authorization: 'Bearer abc' },
    });
    log.child('http').warn('x'.repeat(500));
    const text = JSON.stringify(recorded.entries);
    expect(text).not.toContain('geheimer Inhalt');
    expect(text).not.toContain('Bearer abc');
    expect(recorded.entries[1]).toMatchObject({
      level: 'error',
      message: 'JWT validation failed',
      context: { source: 'sdk', details: ['Error: invalid signature', '[object]'] },
    });
    expect(recorded.entries[2]?.message).toHaveLength(200);
    expect(recorded.entries[2]?.context).toMatchObject({ source: 'sdk/http' });
  });
});

describe('no secret in a log, whatever fails', () => {
  const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJib3QifQ.c2lnbmF0dXJlLW9mLXRoZS1ib3Q';

  /** An HTTP client's error as the Bot Connector's refusal leaves it: request config with the bot's token. */
  async function connectorError(status: number): Promise<unknown> {
    const { AxiosError } = await import('axios');
    const config = {
      headers: { Authorization: `Bearer ${TOKEN}` },
      url: 'https://smba.example/v3/conversations/a/activities',
    };
    return new AxiosError(
      `Request failed with status code ${status}`,
      status === 0 ? 'ECONNRESET' : 'ERR_BAD_RESPONSE',
      config as never,
      { _header: `POST / HTTP/1.1\r\nAuthorization: Bearer ${TOKEN}` },
      status === 0
        ? undefined
        : ({ status, statusText: 'Bad Gateway', headers: {}, config, data: { token: TOKEN } } as never),
    );
  }

  it.each([502, 0])(
    'a connector failure (%s) is logged by name, message, status and code only',
    async (status) => {
      const e = await connectorError(status);
      const recorded = new RecordingLogger();
      const log = logSafely(recorded);
      log.error('unexpected error', { activityId: 'a1', error: e });
      log.warn('nested', { outcome: { error: e, note: `Authorization: Bearer ${TOKEN}` }, list: [e] });
      log.error(`send failed: Bearer ${TOKEN}`);
      const lines: string[] = [];
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      createConsoleLogger('info').error('unexpected error', {
        error: e,
        raw: { config: { headers: { a: TOKEN } } },
      });
      for (const text of [JSON.stringify(recorded.entries), lines.join('')]) {
        expect(text).not.toContain(TOKEN);
        expect(text).not.toContain('signature-of-the-bot');
        expect(text).not.toContain('smba.example/v3');
      }
      expect(recorded.entries[0]?.context?.error).toEqual({
        name: 'AxiosError',
        message: `Request failed with status code ${status}`,
        ...(status ? { status } : {}),
        code: status === 0 ? 'ECONNRESET' : 'ERR_BAD_RESPONSE',
      });
    },
  );

  it('a logger is wrapped once: composeBot and startBot may both wrap the same one', () => {
    const safe = logSafely(new RecordingLogger());
    expect(logSafely(safe)).toBe(safe);
  });
});
