import { rmSync } from 'node:fs';
import { TEST_LOG_DIR } from '../helpers/test-logs.js';

/** Starts each run with an empty log directory, so the after-suite scan reads this run only. */
export function setup(): void {
  rmSync(TEST_LOG_DIR, { recursive: true, force: true });
}
