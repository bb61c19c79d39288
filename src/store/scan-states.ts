import type { Redis } from 'ioredis';
import type { StreamState } from '../flows/router.js';
import type { Keys } from '../redis.js';
import { readJsonObject } from '../util/json.js';

/**
 * Every stream state whose key matches `pattern` (e.g. `agent:*`), read with SCAN then MGET in
 * batches: the readers that look across streams (the supervisors' page, the metrics' gauges,
 * the retention sweep, erasure). Keys that do not hold a state are skipped.
 */
export async function scanStates(redis: Redis, keys: Keys, pattern: string): Promise<{ key: string; state: StreamState }[]> {
  const found: { key: string; state: StreamState }[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', keys.state(pattern), 'COUNT', 500);
    cursor = next;
    if (batch.length === 0) continue;
    const values = await redis.mget(...batch);
    batch.forEach((key, i) => {
      const raw = values[i];
      const state = raw ? (readJsonObject(raw) as StreamState | undefined) : undefined;
      if (state && typeof state.kind === 'string') found.push({ key, state });
    });
  } while (cursor !== '0');
  return found;
}
