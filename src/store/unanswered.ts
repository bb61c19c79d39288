import type { Redis } from 'ioredis';
import { readRecord, type UnansweredRecord } from '../domain/unanswered.js';
import { readJsonObject } from '../util/json.js';
import type { Keys } from './keys.js';

/** The newest `limit` questions of the `faq-unanswered` list, every field checked (anything else is skipped). */
export async function readUnanswered(redis: Redis, keys: Keys, limit: number): Promise<UnansweredRecord[]> {
  const raw = await redis.lrange(keys.list('faq-unanswered'), 0, limit - 1);
  return raw.map((r) => readRecord(readJsonObject(r))).filter((r): r is UnansweredRecord => r !== null);
}
