import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/*
 * Debian's Chromium for the browser tests, launched with the flags the project runs it with.
 * Where it is missing the suite is skipped visibly, saying how to install it.
 */

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

/** `describe`, or `describe.skip` with the reason in the title (and a warning) when Chromium is missing. */
export function describeInChromium(title: string, body: () => void): void {
  if (available) {
    describe(title, body);
    return;
  }
  const skipped = `${title} (skipped: ${CHROMIUM} is missing; apt-get install -y chromium)`;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED ${skipped}`);
  describe.skip(skipped, body);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
