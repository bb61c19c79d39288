import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { handleChatEvent } from '../flows/chat-flow.js';
import type { Effect, FlowConfig } from '../flows/types.js';
import type { OutboundQueue } from '../scheduler/outbound-queue.js';
import type { ChatStore } from '../store/chat-store.js';
import type { KarooEvent } from './karoo-event.js';

/**
 * Applies one event to its chat: load state, run the pure flow, commit state and outbox
 * together, then hand the effects to their queues. Re-running it for the same event (a crash
 * or a retry) re-dispatches the recorded effects under the same ids, so nothing happens twice.
 */
/** Told about every applied event: metrics, audit, and the ordering tests use it. */
export type EventObserver = (event: KarooEvent, effects: Effect[]) => void;

export class EventProcessor {
  constructor(
    private readonly store: ChatStore,
    private readonly outbound: OutboundQueue,
    private readonly clock: Clock,
    private readonly flowConfig: FlowConfig,
    private readonly logger: Logger,
    private readonly observer?: EventObserver,
  ) {}

  async process(event: KarooEvent): Promise<Effect[]> {
    let effects = await this.store.recordedEffects(event.id);
    if (effects === null) {
      const state = await this.store.load(event.chat.id);
      const result = handleChatEvent(state, event, this.clock.now(), this.flowConfig);
      await this.store.commit(state.version, result.state, event.id, result.effects);
      effects = result.effects;
      this.observer?.(event, effects);
    } else {
      this.logger.info({ eventId: event.id }, 'event already applied; re-dispatching its recorded effects');
    }
    await this.dispatch(event.id, effects);
    return effects;
  }

  private async dispatch(eventId: string, effects: Effect[]): Promise<void> {
    for (const [index, effect] of effects.entries()) {
      await this.outbound.enqueue(effect, `${eventId}:${index}`);
    }
  }
}
