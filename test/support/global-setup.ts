import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../src/storage/azurite.js';

/** One in-memory Azurite for the whole run, on a free loopback port. */
export default async function setup(project: TestProject) {
  const azurite = await startAzurite();
  project.provide('azuriteConnectionString', azurite.connectionString);
  project.provide('azuritePort', azurite.port);
  return async () => {
    await azurite.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    azuritePort: number;
  }
}
