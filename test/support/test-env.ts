import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export const TEST_TENANT = '7e3f2b1a-0c4d-4e5f-8a9b-2d1c0e9f8a7b';
export const OTHER_TENANT = '99999999-0c4d-4e5f-8a9b-2d1c0e9f8a7b';

/** A table prefix of its own per test file, so files never see each other's rows. */
export function uniqueTablePrefix(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

/** A development-mode environment against the run's Azurite, on a free port. */
export function devEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOCAL_DEV_MODE: 'true',
    PORT: '0',
    ALLOWED_TENANT_IDS: TEST_TENANT,
    STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
    TABLE_PREFIX: uniqueTablePrefix(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    // Passes run when a test triggers them, never on a timer.
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...overrides,
  };
}
