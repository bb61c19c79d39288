import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { KarooError, type KarooApi } from '../bot/karoo-client.js';
import { EffectWorker, type EffectWorkerOptions } from './effect-worker.js';
import { OUTBOUND_QUEUE, type OutboundJobData } from './outbound-queue.js';
import type { ResultSink } from './results.js';

/** Runs queued Karoo calls. Retryable failures come back with backoff; final ones (404, 4xx) stop. */
export class OutboundWorker extends EffectWorker<OutboundJobData> {
  constructor(connection: Redis, prefix: string, karoo: KarooApi, sink: ResultSink, options: EffectWorkerOptions) {
    super(OUTBOUND_QUEUE, connection, prefix, sink, (job) => call(karoo, job), (err) => err instanceof KarooError && err.kind === 'final', options);
  }
}

async function call(karoo: KarooApi, job: Job<OutboundJobData>): Promise<unknown> {
  const { effect, idempotencyKey } = job.data;
  switch (effect.type) {
    case 'karoo.sendMessage':
      return karoo.sendMessage(effect.chatId, effect.text, idempotencyKey);
    case 'karoo.closeChat':
      return karoo.closeChat(effect.chatId, effect.reason, idempotencyKey);
    case 'karoo.proactive':
      return karoo.sendProactive(effect.to, effect.department, effect.text, idempotencyKey);
  }
}
