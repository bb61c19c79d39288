import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import type { BimerOp, BimerOpResult } from '../../src/domain/bimer-ops.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../src/flows/router.js';
import type { Effect } from '../../src/domain/effects.js';
import type { FlowContext } from '../../src/flows/context.js';
import type { StreamItem, StreamKey } from '../../src/domain/stream.js';
import { makeEvent, type EventInput } from './build.js';

/**
 * The flows driven as pure functions, with an in-memory stream store: each item is applied to
 * its stream's state, and the effects that come back to a stream (a Bimer result, news for
 * another stream, the owner index) are applied at once, as the processor and the workers would,
 * without Redis, queues or HTTP; timers fire when `advanceTo` passes their due time. Bimer answers
 * from `bimer` (a table, a function); Karoo calls succeed. Milliseconds per dialog.
 */
export class FlowDriver {
  readonly states = new Map<StreamKey, StreamState>();
  readonly owners = new Map<string, StreamKey>();
  /** The armed timers, by id (a later `timer.set` with the same id replaces one). */
  readonly timers = new Map<string, { stream: StreamKey; dueAt: string; data: Record<string, unknown> }>();
  /** The chats Karoo opened for the bot's proactive messages, in order (one per phone, as on WhatsApp). */
  readonly proactiveChats: string[] = [];
  /** Every effect the flows returned, in order. */
  readonly effects: Effect[] = [];
  private seq = 0;
  /** Karoo's answer to a call, when it is a refusal (else it succeeds): `{ error, code }`. */
  karooRefuses: (effect: Extract<Effect, { type: `karoo.${string}` }>) => { error: string; code: string } | null = () => null;

  constructor(
    private readonly ctx: FlowContext,
    public now: Date,
    private readonly bimer: (op: BimerOp) => BimerOpResult | Error,
  ) {}

  state(stream: StreamKey): StreamState {
    return this.states.get(stream) ?? initialState(stream);
  }

  /** A Karoo event (`makeEvent`'s fields, then `patch` for any other); returns the effects this one item led to, results included. */
  say(input: EventInput, patch?: (raw: Record<string, unknown>) => void): Effect[] {
    const raw = makeEvent(input);
    patch?.(raw);
    const event = karooEventSchema.parse(raw);
    return this.apply(streamOf(event), { kind: 'karoo', event });
  }

  /**
   * Moves the clock to `at`, firing every timer due by then in the order of their due times (each
   * at its own time, as the timer worker would); returns the effects they led to.
   */
  advanceTo(at: string | Date): Effect[] {
    const until = new Date(at).getTime();
    const produced: Effect[] = [];
    for (;;) {
      const next = [...this.timers].filter(([, t]) => Date.parse(t.dueAt) <= until).sort(([, a], [, b]) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
      if (!next) break;
      const [timerId, timer] = next;
      this.timers.delete(timerId);
      this.now = new Date(Math.max(this.now.getTime(), Date.parse(timer.dueAt)));
      produced.push(...this.apply(timer.stream, { kind: 'internal', event: { id: `timer|${timerId}|${timer.dueAt}`, type: 'timer', name: timerId, data: { ...timer.data, dueAt: timer.dueAt } } }));
    }
    this.now = new Date(Math.max(this.now.getTime(), until));
    return produced;
  }

  /**
   * Applies the item, then what its effects lead to (results, news), in the order the queues
   * would: every effect of an item is handed over before the items they produce are applied.
   */
  apply(stream: StreamKey, item: StreamItem): Effect[] {
    const produced: Effect[] = [];
    const queue: [StreamKey, StreamItem][] = [[stream, item]];
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [key, it] = next;
      const { state, effects } = handleStreamItem(this.state(key), it, this.now, this.ctx);
      this.states.set(key, state);
      this.effects.push(...effects);
      produced.push(...effects);
      for (const effect of effects) queue.push(...this.run(effect));
    }
    return produced;
  }

  private internal(stream: StreamKey, type: 'effect.result' | 'forward', name: string, data: Record<string, unknown>): [StreamKey, StreamItem][] {
    this.seq += 1;
    return [[stream, { kind: 'internal', event: { id: `mem-${this.seq}`, type, name, data } }]];
  }

  /** Runs an effect as the edges would; returns the items it leads to. */
  private run(effect: Effect): [StreamKey, StreamItem][] {
    switch (effect.type) {
      case 'bimer': {
        if (!effect.onResult) return [];
        const answer = this.bimer(effect.op);
        const outcome = answer instanceof Error ? { ok: false, error: answer.message } : { ok: true, result: answer };
        return this.internal(effect.onResult.stream, 'effect.result', effect.onResult.tag, { ...outcome, context: effect.onResult.context ?? {} });
      }
      case 'karoo.sendMessage':
      case 'karoo.closeChat':
      case 'karoo.proactive': {
        if (!effect.onResult) return [];
        const refused = this.karooRefuses(effect);
        if (refused) return this.internal(effect.onResult.stream, 'effect.result', effect.onResult.tag, { ok: false, ...refused, context: effect.onResult.context ?? {} });
        if (effect.onResult.only === 'failure') return [];
        // On WhatsApp a person has one conversation with the company: a phone's proactive messages all go to one chat.
        const chatId = effect.type === 'karoo.proactive' ? ('phone' in effect.to ? `ch_wa_${effect.to.phone.replace(/\D/g, '')}` : `ch_mem_${this.seq}`) : '';
        const result = effect.type === 'karoo.proactive' ? { chatId, id: `msg_mem_${this.seq}` } : effect.type === 'karoo.closeChat' ? { closed: true } : { id: `msg_mem_${this.seq}` };
        if (effect.type === 'karoo.proactive') this.proactiveChats.push(chatId);
        return this.internal(effect.onResult.stream, 'effect.result', effect.onResult.tag, { ok: true, result, context: effect.onResult.context ?? {} });
      }
      case 'forward':
        return this.internal(effect.stream, 'forward', effect.name, effect.data);
      case 'forwardToCustomerOwner': {
        const owner = this.owners.get(effect.customerCode);
        return owner ? this.internal(owner, 'forward', effect.name, effect.data) : [];
      }
      case 'owner.set':
        this.owners.set(effect.customerCode, effect.stream);
        return [];
      case 'timer.set':
        this.timers.set(effect.timerId, { stream: effect.stream, dueAt: effect.dueAt, data: effect.data });
        return [];
      case 'timer.cancel':
        this.timers.delete(effect.timerId);
        return [];
      default:
        return [];
    }
  }
}

/** The texts of the messages an effect list sends (to a chat or proactively). */
export function textsOf(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'karoo.sendMessage' || e.type === 'karoo.proactive' ? [e.text] : []));
}
