/**
 * Part of `npm test`: the walkthrough test drives the Agents Playground in Debian's chromium
 * (browsers cannot be downloaded here). Installs it from Debian's packages when it is missing
 * and the machine allows it (root with apt-get), else says what to do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function main(): void {
  if (existsSync(path)) return;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !existsSync('/usr/bin/apt-get')) {
    process.stderr.write(
      `No browser at ${path}. Install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH.\n`,
    );
    process.exit(1);
  }
  process.stdout.write("Installing Debian's chromium for the browser test …\n");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}

main();
