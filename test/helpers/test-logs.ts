import { mkdirSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { loggerOptions } from '../../src/logger.js';

/**
 * Every app a test builds logs at debug level, through the production logger options (redaction
 * included), into one file per test worker here; `test/after-suite/logs.test.ts` reads them all
 * once the suite has run (issue 7: the logs of a full test run hold no secret and no phone).
 */
export const TEST_LOG_DIR = fileURLToPath(new URL('../../var/test-logs/', import.meta.url));

/**
 * A Brazilian phone number in clear: a run of digits of its own, so timestamps and response
 * times (1795478385052, 2.1175590000000284) do not match by chance. Masked numbers
 * (+5521*****0000) do not match either, nor does a piece of a UUID (evt_55490216-3468-4c6f-…).
 */
export const PHONE_IN_CLEAR = /(?<![\d.-])(?:\+?55\s?\d{2}\s?9?\d{4}-?\d{4}|\(\d{2}\)\s?9?\d{4}-?\d{4})(?![\w-])/g;

let shared: Logger | undefined;

/** The worker's logger: debug level, written synchronously so nothing is lost when it exits. */
export function testLogger(): Logger {
  if (!shared) {
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    shared = pino(loggerOptions('debug'), pino.destination({ dest: `${TEST_LOG_DIR}${process.pid}.ndjson`, append: true, sync: true }));
  }
  return shared;
}

/** A logger with the production options whose lines land in `lines` (a test that reads the logs). */
export function capturingLogger(lines: string[]): Logger {
  return pino(
    loggerOptions('debug'),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
}
