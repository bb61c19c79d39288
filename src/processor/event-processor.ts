import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { handleStreamItem } from '../flows/router.js';
import type { Cause, StreamItem, StreamKey } from '../domain/stream.js';
import type { Effect } from '../domain/effects.js';
import type { FlowContext } from '../flows/context.js';
import type { BotMetrics } from '../metrics/metrics.js';
import type { BimerQueue } from '../scheduler/bimer-queue.js';
import type { EventQueues } from '../scheduler/event-queues.js';
import type { OutboundQueue } from '../scheduler/outbound-queue.js';
import type { Timers } from '../scheduler/timers.js';
import type { StreamStore } from '../store/stream-store.js';
import type { WhatsAppWindows } from '../store/whatsapp-window.js';

/** Told about every applied item: metrics, audit, and the ordering tests use it. */
export type ItemObserver = (stream: StreamKey, item: StreamItem, effects: Effect[]) => void;

export interface EffectTargets {
  outbound: OutboundQueue;
  bimer: BimerQueue;
  timers: Timers;
  events: EventQueues;
  /** Where `metric` effects are counted (none: not counted). */
  metrics?: BotMetrics;
  /** WhatsApp's window per phone, opened by each message of a person. */
  windows: Pick<WhatsAppWindows, 'touch'>;
}

/**
 * Applies one item to its stream: load state, run the pure flow, commit state and outbox
 * together, then hand the effects to their queues. Re-running it for the same item (a crash
 * or a retry) re-dispatches the recorded effects under the same ids, so nothing happens twice.
 */
export class EventProcessor {
  constructor(
    private readonly store: StreamStore,
    private readonly targets: EffectTargets,
    private readonly clock: Clock,
    private readonly context: () => FlowContext,
    private readonly logger: Logger,
    private readonly observer?: ItemObserver,
  ) {}

  async process(stream: StreamKey, item: StreamItem): Promise<Effect[]> {
    const id = item.event.id;
    let effects = await this.store.recordedEffects(id);
    if (effects === null) {
      const state = await this.store.load(stream);
      const result = handleStreamItem(state, item, this.clock.now(), this.context());
      await this.store.commit(state.version, result.state, id, result.effects);
      effects = result.effects;
      this.observer?.(stream, item, effects);
    } else {
      this.logger.info({ itemId: id }, 'item already applied; re-dispatching its recorded effects');
    }
    const cause = causeOf(stream, item, this.clock.now());
    for (const [index, effect] of effects.entries()) await this.dispatch(`${id}:${index}`, effect, cause);
    if (effects.length > 0) await this.store.dispatched(id);
    return effects;
  }

  private async dispatch(key: string, effect: Effect, cause: Cause): Promise<void> {
    const now = this.clock.now();
    switch (effect.type) {
      case 'karoo.sendMessage':
      case 'karoo.closeChat':
      case 'karoo.proactive':
        return this.targets.outbound.enqueue(effect, key, cause);
      case 'bimer':
        return this.targets.bimer.enqueue(effect.op, key, effect.onResult, cause);
      case 'timer.set':
        return this.targets.timers.set(effect.stream, effect.timerId, effect.dueAt, effect.data);
      case 'timer.cancel':
        return this.targets.timers.cancel(effect.timerId);
      case 'forward':
        return this.targets.events.enqueueInternal(effect.stream, { id: `fwd|${key}`, type: 'forward', name: effect.name, data: effect.data, cause }, now);
      case 'forwardToCustomerOwner': {
        const owner = await this.store.ownerOf(effect.customerCode);
        if (!owner) {
          if (effect.ifNone === 'expected') return;
          this.logger.warn({ customerCode: effect.customerCode, name: effect.name }, 'no monitoring owner for this customer; news dropped');
          return;
        }
        return this.targets.events.enqueueInternal(owner, { id: `fwd|${key}`, type: 'forward', name: effect.name, data: effect.data, cause }, now);
      }
      case 'owner.set':
        return this.store.setOwner(effect.customerCode, effect.stream);
      case 'record':
        return this.store.record(effect.list, effect.value, 1000);
      case 'log':
        this.logger[effect.level](effect.data ?? {}, effect.message);
        return;
      case 'metric':
        this.targets.metrics?.faq.inc({ outcome: effect.outcome });
        return;
      case 'whatsapp.window':
        return this.targets.windows.touch(effect.phone, effect.at);
    }
  }
}

/**
 * What the item's effects are because of: the cause a result or forwarded news carries, else the
 * item itself (a Karoo event by who wrote, or a timer).
 */
export function causeOf(stream: StreamKey, item: StreamItem, now: Date): Cause {
  const at = now.toISOString();
  if (item.kind === 'internal') {
    if (item.event.cause) return item.event.cause;
    return item.event.type === 'timer' ? { kind: 'timer', id: item.event.name, stream, at } : { kind: 'internal', id: item.event.id, stream, at };
  }
  const { event } = item;
  const author = event.message?.author;
  const kind: Cause['kind'] =
    event.type !== 'message.created' ? 'karoo-event' : stream.startsWith('agent:') ? 'agent-message' : author === 'agent' ? 'technician-message' : author === 'contact' ? 'customer-message' : 'karoo-event';
  return { kind, id: event.id, stream, at };
}
