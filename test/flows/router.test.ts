import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import { handleStreamItem, initialState, streamOf } from '../../src/flows/router.js';
import { makeEvent, type EventInput } from '../helpers/build.js';
import { flowContext } from '../helpers/monitoring.js';

const now = new Date('2026-11-21T16:05:00Z');
const event = (input: EventInput) => karooEventSchema.parse(makeEvent({ chatId: 'ch_1', ...input }));
const apply = (input: EventInput) => {
  const e = event(input);
  const stream = streamOf(e);
  return { stream, ...handleStreamItem(initialState(stream), { kind: 'karoo', event: e }, now, flowContext()) };
};

describe('streams and the pure entry point', () => {
  it('gives an agent talking to the bot their own stream, and every other chat its chat stream', () => {
    expect(streamOf(event({ login: 'Joao.Silva' }))).toBe('agent:joao.silva');
    expect(streamOf(event({ kind: 'customer', department: 'suporte', login: null }))).toBe('chat:ch_1');
    expect(streamOf(event({ kind: 'agent', department: 'suporte' }))).toBe('chat:ch_1');
  });

  it('answers an agent ping in the bot department with pong, in the same chat', () => {
    const { effects, state } = apply({ text: 'Ping' });
    expect(effects).toEqual([{ type: 'karoo.sendMessage', chatId: 'ch_1', text: 'pong' }]);
    expect(state.version).toBe(1);
  });

  it('never answers the bot itself, an agent or the system, in any chat', () => {
    for (const author of ['bot', 'agent', 'system'] as const) {
      expect(apply({ author, text: 'ping' }).effects).toEqual([]);
      expect(apply({ author, kind: 'customer', department: 'suporte', login: null, text: 'oi' }).effects).toEqual([]);
    }
  });

  it('counts an agent message in a customer chat as activity, not as the customer speaking', () => {
    const { state } = apply({ author: 'agent', kind: 'customer', department: 'suporte', login: null, text: 'oi' });
    expect(state).toMatchObject({ kind: 'chat', lastActivityAt: now.toISOString(), lastContactMessageAt: null });
  });

  it('does not mutate the state it was given', () => {
    const state = initialState('agent:joao.silva');
    const copy = structuredClone(state);
    handleStreamItem(state, { kind: 'karoo', event: event({ text: 'finalizei a implantação do cliente 123' }) }, now, flowContext());
    expect(state).toEqual(copy);
  });
});
