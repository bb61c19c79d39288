import type { News, NewsName } from './news.js';
import type { BimerTag, OpFor } from '../domain/results.js';
import type { Effect } from '../domain/effects.js';
import type { StreamKey } from '../domain/stream.js';

/**
 * Collects what one item's handlers ask the edges to do, for either kind of stream (an agent's,
 * a chat's). Its calls are typed: a Bimer operation goes out only with a tag that answers it
 * (`results.ts`), news to another stream only with the data its name carries (`news.ts`), so the
 * sender and the handler that reads the answer agree at compile time. Each stream's collector adds
 * how it speaks (`say`).
 */
export class Effects {
  readonly effects: Effect[] = [];
  constructor(protected readonly stream: StreamKey) {}

  /** A Bimer operation whose answer comes back to this stream tagged `tag`. */
  bimer<T extends BimerTag>(op: OpFor<T>, tag: T, context: Record<string, unknown> = {}): void {
    this.effects.push({ type: 'bimer', op, onResult: { stream: this.stream, tag, context } });
  }

  /** (Re)arms a timer of this stream; its data carries its due time, so a stale one is recognised. */
  timer(timerId: string, dueAt: Date, data: Record<string, unknown>): void {
    this.effects.push({ type: 'timer.set', stream: this.stream, timerId, dueAt: dueAt.toISOString(), data: { ...data, dueAt: dueAt.toISOString() } });
  }

  cancel(timerId: string): void {
    this.effects.push({ type: 'timer.cancel', timerId });
  }

  /** News for another stream, with the data its name carries. */
  tell<N extends NewsName>(stream: StreamKey, name: N, data: News[N]): void {
    this.effects.push({ type: 'forward', stream, name, data });
  }

  /** News for whoever owns the customer's monitoring, if anyone does (most customers have none). */
  tellCustomerOwner<N extends NewsName>(customerCode: string, name: N, data: News[N]): void {
    this.effects.push({ type: 'forwardToCustomerOwner', customerCode, name, data, ifNone: 'expected' });
  }

  log(level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void {
    this.effects.push({ type: 'log', level, message, ...(data ? { data } : {}) });
  }

  push(effect: Effect): void {
    this.effects.push(effect);
  }
}
