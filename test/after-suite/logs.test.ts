import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAROO_TOKEN, TEST_SECRET } from '../helpers/build.js';
import { PHONE_IN_CLEAR, TEST_LOG_DIR } from '../helpers/test-logs.js';

/**
 * Issue 7, security: the logs of a full test run (every app the suite built, at debug level,
 * through the production logger options) hold no secret and no phone number in clear. This
 * project runs after the whole suite (vitest.config.ts, `sequence.groupOrder`).
 */

/** Every credential the suite hands to the bot or that its Bimer and Karoo stand-ins hand back. */
const SECRETS = [
  TEST_SECRET,
  TEST_SECRET.slice('whsec_'.length),
  'dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkh', // the rotated-out / second webhook secret
  'dGhpcyBpcyBub3QgdGhlIHNlY3JldA', // a wrong webhook secret
  KAROO_TOKEN,
  'bimer-token',
  'tok-new',
  'refresh-',
  'bimer-client-secret-Zq81',
  'bimer-password-Xk29',
  'admin-password-Wv55',
  's3nha-forte-ops',
];


function readLogs(): { files: number; lines: string[] } {
  const files = readdirSync(TEST_LOG_DIR).filter((f) => f.endsWith('.ndjson'));
  const lines = files.flatMap((f) => readFileSync(`${TEST_LOG_DIR}${f}`, 'utf8').split('\n').filter(Boolean));
  return { files: files.length, lines };
}

describe('the logs of the full test run', () => {
  it('exist: the test workers logged through the production logger', () => {
    const { files, lines } = readLogs();
    expect(files).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(1_000);
    // Requests (at debug), webhook outcomes, retries and failures are all in.
    for (const msg of ['incoming request', 'webhook accepted', 'webhook rejected: signature', 'karoo call failed; retrying in place (the chat waits)']) {
      expect(lines.some((l) => l.includes(`"msg":"${msg}"`)), msg).toBe(true);
    }
  });

  it('hold no secret and no unmasked phone number', () => {
    const { lines } = readLogs();
    for (const secret of SECRETS) {
      const hit = lines.find((l) => l.includes(secret));
      expect(hit, `a secret leaked: ${secret}`).toBeUndefined();
    }
    const phones = lines.flatMap((l) => (l.match(PHONE_IN_CLEAR) ?? []).map((p) => `${p} in ${l.slice(0, 300)}`));
    expect(phones, 'unmasked phone numbers in the logs').toEqual([]);
  });
});
