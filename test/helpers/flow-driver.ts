import { karooEventSchema } from '../../src/bot/karoo-event.js';
import type { BimerOp, BimerOpResult } from '../../src/domain/bimer-ops.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../src/flows/router.js';
import type { Effect, FlowContext, StreamItem, StreamKey } from '../../src/flows/types.js';
import { makeEvent, type EventInput } from './build.js';

/**
 * The flows driven as pure functions, with an in-memory stream store: each item is applied to
 * its stream's state, and the effects that come back to a stream (a Bimer result, news for
 * another stream, the owner index) are applied at once, as the processor and the workers would,
 * without Redis, queues or HTTP. Bimer answers from `bimer` (a table, a function); Karoo calls
 * succeed. Milliseconds per dialog.
 */
export class FlowDriver {
  readonly states = new Map<StreamKey, StreamState>();
  readonly owners = new Map<string, StreamKey>();
  /** Every effect the flows returned, in order. */
  readonly effects: Effect[] = [];
  private seq = 0;

  constructor(
    private readonly ctx: FlowContext,
    public now: Date,
    private readonly bimer: (op: BimerOp) => BimerOpResult | Error,
  ) {}

  state(stream: StreamKey): StreamState {
    return this.states.get(stream) ?? initialState(stream);
  }

  /** A Karoo event (`makeEvent`'s fields); returns the effects this one item led to, results included. */
  say(input: EventInput): Effect[] {
    const event = karooEventSchema.parse(makeEvent(input));
    return this.apply(streamOf(event), { kind: 'karoo', event });
  }

  apply(stream: StreamKey, item: StreamItem): Effect[] {
    const { state, effects } = handleStreamItem(this.state(stream), item, this.now, this.ctx);
    this.states.set(stream, state);
    const produced = [...effects];
    this.effects.push(...effects);
    for (const effect of effects) produced.push(...this.run(effect));
    return produced;
  }

  private internal(stream: StreamKey, type: 'effect.result' | 'forward', name: string, data: Record<string, unknown>): Effect[] {
    this.seq += 1;
    return this.apply(stream, { kind: 'internal', event: { id: `mem-${this.seq}`, type, name, data } });
  }

  private run(effect: Effect): Effect[] {
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
        const result = effect.type === 'karoo.proactive' ? { chatId: `ch_mem_${this.seq}`, id: `msg_mem_${this.seq}` } : effect.type === 'karoo.closeChat' ? { closed: true } : { id: `msg_mem_${this.seq}` };
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
      default:
        return [];
    }
  }
}

/** The texts of the messages an effect list sends (to a chat or proactively). */
export function textsOf(effects: readonly Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'karoo.sendMessage' || e.type === 'karoo.proactive' ? [e.text] : []));
}
