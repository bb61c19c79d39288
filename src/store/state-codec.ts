import { migrate, stamped } from '../flows/migrate.js';
import type { StreamState } from '../flows/router.js';
import { readJsonObject } from '../util/json.js';

/**
 * How stream states are written to and read from Redis: stamped with their schema on the way in,
 * brought to the current schema on the way out (`flows/migrate.ts`). Every reader and writer of
 * a state goes through here (the processor's store, the cross-stream readers, erasure).
 */
export function encodeState(state: StreamState): string {
  return JSON.stringify(stamped(state));
}

/** A stored state at the current schema; undefined when the text holds no state. */
export function decodeState(raw: string): StreamState | undefined {
  const value = readJsonObject(raw);
  if (!value || typeof value.kind !== 'string') return undefined;
  return migrate(value);
}
