import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { scriptCommand } from '../store/connection.js';
import type { Keys } from '../store/keys.js';
import type { EventJobData, EventQueues } from './event-queues.js';
import type { IntakePressure } from './intake-pressure.js';
import { streamOf } from '../flows/router.js';
import { describeSchemaError, karooEventSchema } from '../intake/karoo-event-schema.js';
import { readJson, readJsonObject } from '../util/json.js';

/** How long a pump's lease lasts unless renewed (ms); it renews it at least every `BLOCK_MS`. */
const LEASE_MS = 10_000;
const BLOCK_MS = 1000;
/**
 * The lease is renewed before a batch once this long has passed since the last renewal (not
 * before every batch: under a steady flow of small batches that was a script call per event or
 * two). A pump frozen past it (a long pause of the process) asks again before it reads on.
 */
const RENEW_AFTER_MS = BLOCK_MS;
const BATCH = 500;
/**
 * In a burst (`IntakePressure`) the pump waits up to this long before reading the streams, and
 * holds what it had just read (a burst that began during the read) as long before queueing it,
 * renewing its lease meanwhile: queueing costs CPU the webhook needs, the entries are safe in
 * their streams, and the workers are yielding anyway. The backlog moves once the burst is over.
 */
const BURST_HOLD_MS = 10_000;
/**
 * What the pump reads per partition when a burst outlasts its hold: a little at a time, so the
 * backlog still moves. Reading the full `BATCH` of 16 partitions (8,000 events parsed, serialised
 * and queued together) starved the webhook: in a storm (`npm run bench:intake:storm`) a round fell
 * to 485 events/s with a p99 of 1.25 s.
 */
const BURST_BATCH = 50;

/** How the pump paces itself; tests shorten it. */
export interface PumpPacing {
  /** Events read per partition at once. */
  batch: number;
  /** In a burst: how long the pump waits before reading, and holds what it read before queueing it (ms). */
  burstHoldMs: number;
  /** Events read per partition at once when a burst outlasted the hold. */
  burstBatch: number;
}

const PACING: PumpPacing = { batch: BATCH, burstHoldMs: BURST_HOLD_MS, burstBatch: BURST_BATCH };

// KEYS[1] the lease; ARGV[1] this pump's token, ARGV[2] the lease (ms). 1 while this pump holds it.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2])) end
return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', tonumber(ARGV[2])) and 1 or 0
`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Moves the accepted webhooks from the partitions' intake streams (`intake-stream.ts`) into the
 * partitions' BullMQ queues, off the request path (issue 26). One pump at a time works, across
 * instances (a lease in Redis, renewed every second, taken over within `LEASE_MS` of a crash);
 * the others wait for the lease.
 *
 * Nothing is lost: an entry leaves its stream only once its job is queued, and a new pump starts
 * from each stream's beginning. Nothing is applied twice: a job id is the event's, so an entry
 * queued twice (a pump that died between queueing and deleting it) is added once. Order holds:
 * every pump queues a stream's entries in order, and an entry is deleted only after it is queued,
 * so the first time each entry is queued follows the stream's order, even while two pumps overlap
 * for a moment.
 */
export class IntakePump {
  private readonly token = randomUUID();
  private readonly blocking: Redis;
  private readonly renew: (lease: string, token: string, ms: string) => Promise<number>;
  private readonly release: (lease: string, token: string) => Promise<number>;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private leader = false;
  /** When this pump last renewed its lease (monotonic ms). */
  private renewedAt = Number.NEGATIVE_INFINITY;
  /** Set by `pause()`: resolved once the loop has stopped between batches; the loop then waits for `resume()`. */
  private pausing: { stopped: () => void; resumed: Promise<void>; resume: () => void } | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly events: EventQueues,
    private readonly logger: Logger,
    private readonly pressure?: IntakePressure,
    private readonly pacing: PumpPacing = PACING,
  ) {
    // XREAD BLOCK holds its connection: a connection of its own.
    this.blocking = redis.duplicate({ connectionName: 'karoo-bot:intake-pump' });
    this.blocking.on('error', () => undefined); // reconnects on its own; the loop logs what fails
    this.renew = scriptCommand(redis, 'karooBotLeaseRenew', 1, RENEW);
    this.release = scriptCommand(redis, 'karooBotLeaseRelease', 1, RELEASE);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Whether the pump runs (whether or not it holds the lease). */
  running(): boolean {
    return this.loop !== null && !this.stopping;
  }

  /**
   * Stops between batches (never with a batch read and not yet queued and deleted) and stays
   * stopped until `resume()`: the sandbox's reset wipes the streams meanwhile. On resume the
   * pump reads each stream from its beginning again.
   */
  async pause(): Promise<void> {
    if (!this.loop || this.pausing || this.stopping) return;
    let resume = () => undefined as void;
    const resumed = new Promise<void>((r) => (resume = r));
    await new Promise<void>((stopped) => {
      this.pausing = { stopped, resumed, resume };
      this.blocking.disconnect(); // ends a pending XREAD at once; the loop reconnects after
    });
  }

  /** Starts the pump again; a `pause()` still waiting for the loop to stop returns too. */
  resume(): void {
    const pausing = this.pausing;
    this.pausing = null;
    pausing?.stopped();
    pausing?.resume();
  }

  /** Whether this instance's pump holds the lease now. */
  holdsLease(): boolean {
    return this.leader;
  }

  async close(): Promise<void> {
    this.stopping = true;
    this.resume(); // a paused loop ends
    this.blocking.disconnect(); // ends a pending XREAD at once
    await this.loop;
    if (this.leader) await this.release(this.keys.lock('intake-pump'), this.token).catch(() => 0);
    this.leader = false;
  }

  /** Takes or renews the lease: true while this pump holds it. */
  private async claim(lease: string): Promise<boolean> {
    const asked = performance.now();
    const held = (await this.renew(lease, this.token, String(LEASE_MS))) === 1;
    if (held) this.renewedAt = asked;
    return held;
  }

  /** Waits while the intake is in a burst (at most the pacing's hold), keeping the lease; false if it was lost. */
  private async holdInBurst(lease: string): Promise<boolean> {
    const start = performance.now();
    while (this.pressure?.busy() && !this.stopping && !this.pausing && performance.now() - start < this.pacing.burstHoldMs) {
      await sleep(250);
      if (!(await this.claim(lease))) return (this.leader = false);
    }
    return true;
  }

  private async run(): Promise<void> {
    const lease = this.keys.lock('intake-pump');
    const streams = this.events.queues.map((_, p) => this.keys.intake(p));
    let last = streams.map(() => '0-0');
    while (!this.stopping) {
      if (this.pausing) {
        const { stopped, resumed } = this.pausing;
        stopped();
        await resumed;
        if (this.stopping) break;
        last = streams.map(() => '0-0');
        this.renewedAt = Number.NEGATIVE_INFINITY; // the reset may have wiped the lease too: ask again first
        if (this.blocking.status === 'end') await this.blocking.connect().catch(() => undefined);
        continue;
      }
      try {
        const held = this.leader && performance.now() - this.renewedAt < RENEW_AFTER_MS ? true : await this.claim(lease);
        if (held && !this.leader) last = streams.map(() => '0-0'); // a new lease: from each stream's beginning
        this.leader = held;
        if (!held) {
          await sleep(BLOCK_MS);
          continue;
        }
        // In a burst, nothing is read: the entries wait in their streams, not in this process's memory.
        if (!(await this.holdInBurst(lease)) || this.pausing) continue;
        // A burst that outlasted the hold: a small batch, and the hold again.
        const count = this.pressure?.busy() ? this.pacing.burstBatch : this.pacing.batch;
        const reply = await this.blocking.xread('COUNT', count, 'BLOCK', BLOCK_MS, 'STREAMS', ...streams, ...last);
        if (!reply || this.pausing) continue; // read just as a pause began: read again after it
        if (!(await this.holdInBurst(lease))) continue; // the lease was lost meanwhile: the new pump reads these again
        if (this.pausing) continue; // a pause began while it held them: they wait in their streams
        // The partitions side by side (each one's entries in order: queued, then deleted); the
        // first failure is thrown once every partition has finished, so `last` is exact for the others.
        // Each partition's entries go in chunks of the burst batch, the burst checked between them: a
        // burst that begins while a calm batch is queued stops it within a chunk (the rest stay in
        // their stream and are read again after it), instead of 8,000 events queued into the burst.
        const chunk = this.pacing.burstBatch;
        const moved = await Promise.allSettled(
          reply.map(async ([key, entries]) => {
            const partition = streams.indexOf(key);
            if (partition < 0) return;
            for (let from = 0; from < entries.length; from += chunk) {
              if (from > 0 && this.pressure?.busy()) return;
              const part = entries.slice(from, from + chunk);
              const read = part.map(([, fields]) => jobOf(fields));
              const jobs = read.flatMap((r) => ('job' in r ? [r.job] : []));
              for (const r of read) if ('refused' in r) this.logger.error({ stream: key, eventId: r.eventId, issues: r.refused }, 'intake pump: an entry whose body the schema refuses was dropped (the webhook\'s check and zod disagree, or something else wrote it)');
              if (jobs.length > 0) await this.events.enqueueAccepted(partition, jobs);
              const ids = part.map(([id]) => id);
              await this.redis.xdel(key, ...ids);
              last[partition] = ids[ids.length - 1] as string;
            }
          }),
        );
        const failed = moved.find((m) => m.status === 'rejected');
        if (failed) throw failed.reason;
      } catch (err) {
        if (this.stopping) break;
        if (this.pausing) continue;
        this.logger.warn({ err: (err as Error).message }, 'intake pump: could not move the accepted webhooks into their queues; retrying');
        await sleep(200);
      }
    }
  }
}

type EntryReading = { job: { eventId: string; name: string; data: EventJobData } } | { refused: string; eventId: string | undefined };

/**
 * A stream entry's job: its body (the webhook's JSON as received) read by the event schema, as
 * the webhook checked it. An entry written by the previous version holds the job's data itself.
 */
function jobOf(fields: string[]): EntryReading {
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) pairs.set(fields[i] as string, fields[i + 1] as string);
  const eventId = pairs.get('id');
  const name = pairs.get('name');
  const [at, body] = [pairs.get('at'), pairs.get('body')];
  if (eventId && name && at && body !== undefined) {
    const parsed = karooEventSchema.safeParse(readJson(body));
    if (!parsed.success) return { refused: describeSchemaError(parsed.error).map((i) => `${i.field}: ${i.message}`).join('; '), eventId };
    return { job: { eventId, name, data: { stream: streamOf(parsed.data), item: { kind: 'karoo', event: parsed.data }, receivedAt: at } } };
  }
  const data = readJsonObject(pairs.get('data') ?? '') as EventJobData | undefined;
  return eventId && name && data ? { job: { eventId, name, data } } : { refused: 'no event', eventId };
}
