import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from '../src/console-logger.js';
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
