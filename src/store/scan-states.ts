import type { Redis } from 'ioredis';
import type { AgentState } from '../flows/agent-state.js';
import type { QaState } from '../flows/plantao/qa-flow.js';
import type { StreamState } from '../flows/router.js';
import type { Keys } from './keys.js';
import { decodeState } from './state-codec.js';

/**
 * Every stream state whose key matches `pattern` (e.g. `agent:*`), read with SCAN then MGET in
 * batches: the readers that look across streams (the supervisors' page, the metrics' gauges,
 * the retention sweep, erasure). Keys that do not hold a state are skipped.
 */
/** `raw`: the text as stored (compare-and-delete against it). */
export async function scanStates(redis: Redis, keys: Keys, pattern: string): Promise<{ key: string; state: StreamState; raw: string }[]> {
  const found: { key: string; state: StreamState; raw: string }[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', keys.state(pattern), 'COUNT', 500);
    cursor = next;
    if (batch.length === 0) continue;
    const values = await redis.mget(...batch);
    batch.forEach((key, i) => {
      const raw = values[i];
      const state = raw ? decodeState(raw) : undefined;
      if (raw && state) found.push({ key, state, raw });
    });
  } while (cursor !== '0');
  return found;
}

/** Every agent's stream state that owns monitorings (the supervisors' page). */
export async function agentStates(redis: Redis, keys: Keys): Promise<AgentState[]> {
  const all = await scanStates(redis, keys, 'agent:*');
  return all.flatMap(({ state }) => (state.kind === 'agent' && state.monitorings ? [state] : []));
}

/** The plantão as QA reviews it: the `ops:qa` stream's state, or null before the first plantão. */
export async function qaState(redis: Redis, keys: Keys): Promise<QaState | null> {
  const raw = await redis.get(keys.state('ops:qa'));
  const state = raw ? decodeState(raw) : undefined;
  return state?.kind === 'qa' ? state : null;
}
