import { spawnSync } from 'node:child_process';

/**
 * A real headless browser for the IDE test: Debian's Chromium (`apt-get install -y
 * --no-install-recommends chromium`; .ci/run installs it), or the binary CHROMIUM_BIN names,
 * driven by playwright-core (which downloads no browser of its own). Never a mock.
 */
const BINARY = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** The browser's path; throws a message saying how to install it when it is missing (in CI too, where .ci/run installs it). */
export function chromiumPath(): string {
  const found = spawnSync(BINARY, ['--version'], { encoding: 'utf8' }).status === 0;
  if (!found) {
    throw new Error(
      `${BINARY} is not installed: the IDE's browser test needs Chromium. Install Debian's (apt-get install -y --no-install-recommends chromium) or set CHROMIUM_BIN to a Chromium binary.`,
    );
  }
  return BINARY;
}
