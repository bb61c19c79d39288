import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, headless and quiet (no first-run, sync or update traffic): the browser every page test drives. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
