import type { Worker } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * The simulator's "Reiniciar": the sandbox back to a fresh start without restarting the process.
 * Every key under the bot's prefix goes (its chats' and monitorings' state, dedupe, WhatsApp
 * windows, the sandbox's Karoo and Bimer, the teachings, and every BullMQ queue: armed timers,
 * queued and failed jobs), then the in-memory parts are put back (the clock, the stand-ins, the
 * roster). The workers of this process are paused around it, once their active jobs are done, and
 * its intake pump between two batches, so no job half-way writes into the fresh state and no batch
 * read before the wipe is queued after it; they resume afterwards and the bot goes on.
 */

export interface ResetParts {
  redis: Redis;
  /** QUEUE_PREFIX: every key of the bot and of its BullMQ queues starts with `<prefix>:`. */
  prefix: string;
  /** The BullMQ workers running in this process (none when RUN_WORKERS is off). */
  workers: () => Worker[];
  /** The intake pump of this process, if it runs: paused between batches too, so none is queued after the wipe. */
  pump?: { pause(): Promise<void>; resume(): void } | null;
  /** What the queues need again once their keys are gone (the partitions' global concurrency). */
  initQueues: () => Promise<void>;
  /** Puts the in-memory parts back to their start (the clock, the stand-ins, the roster). */
  afterWipe: () => void | Promise<void>;
  /** How long the active jobs may take to finish before the reset gives up (nothing is deleted then). */
  drainTimeoutMs?: number;
}

/** The workers were still busy after the drain timeout: nothing was deleted. */
export class SandboxBusyError extends Error {
  constructor() {
    super('the bot is still working on something: nothing was reset, try again in a few seconds');
  }
}

/** `*`, `?`, `[`, `]` and `\` match literally in a SCAN pattern only when escaped. */
function literalPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
}

/** Deletes every key under `<prefix>:` (SCAN, never KEYS: Redis keeps serving meanwhile); returns how many. */
export async function wipePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', literalPattern(prefix), 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** The reset, one at a time (a second click while one runs waits for it). */
export function sandboxReset(parts: ResetParts): () => Promise<{ keys: number }> {
  let running: Promise<{ keys: number }> | null = null;
  const run = async (): Promise<{ keys: number }> => {
    const workers = parts.workers().filter((w) => !w.isPaused());
    // Each worker stops taking jobs at once and finishes the ones it holds.
    const pausing = workers.map((w) => w.pause().catch(() => undefined));
    const pumpPaused = parts.pump?.pause() ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      Promise.all([...pausing, pumpPaused]).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(resolve, parts.drainTimeoutMs ?? 15_000, false))),
    ]);
    clearTimeout(timer);
    try {
      if (!drained) throw new SandboxBusyError();
      const keys = await wipePrefix(parts.redis, parts.prefix);
      await parts.initQueues();
      await parts.afterWipe();
      return { keys };
    } finally {
      // A worker resumes once its pause is complete (its loop has stopped): it then starts again.
      workers.forEach((w, i) => void pausing[i]?.then(() => w.resume()));
      void pumpPaused.then(() => parts.pump?.resume());
    }
  };
  return () => (running ??= run().finally(() => (running = null)));
}
