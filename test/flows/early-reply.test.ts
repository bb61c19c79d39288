import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../src/bot/karoo-event.js';
import { handleStreamItem, initialState, streamOf, type StreamState } from '../../src/flows/router.js';
import type { StreamItem } from '../../src/flows/types.js';
import { makeEvent } from '../helpers/build.js';
import { flowContext } from '../helpers/monitoring.js';

/** The customer answers the follow-up before the bot has linked the chat Karoo opened for it. */
describe('a follow-up answered before the chat is linked', () => {
  const ctx = flowContext();
  const now = new Date('2026-11-30T08:00:05-03:00');
  const message = { kind: 'karoo' as const, event: karooEventSchema.parse(makeEvent({ chatId: 'ch_fu_1', department: 'implantacao', kind: 'customer', login: null, text: 'Tudo certo por aqui!' })) };
  const link = (sentAt: string): StreamItem => ({
    kind: 'internal',
    event: { id: 'fw|link', type: 'forward', name: 'monitoring.link', data: { monitoringId: 'mon1', agentStream: 'agent:joao.silva', agentName: 'João Silva', customerName: 'Padaria', sentAt } },
  });
  const run = (state: StreamState, item: StreamItem) => handleStreamItem(state, item, now, ctx);

  it('passes that answer to the agent once the link arrives', () => {
    const first = run(initialState(streamOf(message.event)), message);
    const linked = run(first.state, link('2026-11-30T08:00:00-03:00'));
    const forwarded = linked.effects.filter((e) => e.type === 'forward' && e.name === 'customer.reply');
    expect(forwarded).toEqual([expect.objectContaining({ stream: 'agent:joao.silva', data: expect.objectContaining({ monitoringId: 'mon1', kind: 'ok', text: 'Tudo certo por aqui!' }) })]);
  });

  it('does not take a message written before the follow-up was sent for its answer', () => {
    const first = run(initialState(streamOf(message.event)), message);
    const linked = run(first.state, link('2026-11-30T08:01:00-03:00'));
    expect(linked.effects.filter((e) => e.type === 'forward')).toEqual([]);
  });
});
