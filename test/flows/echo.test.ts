import { describe, expect, it } from 'vitest';
import { karooEventSchema } from '../../src/bot/karoo-event.js';
import { handleChatEvent } from '../../src/flows/chat-flow.js';
import { initialChatState } from '../../src/flows/types.js';
import { makeEvent, type EventInput } from '../helpers/build.js';

const now = new Date('2026-11-21T16:05:00Z');
const event = (input: EventInput) => karooEventSchema.parse(makeEvent({ chatId: 'ch_1', ...input }));

describe('handleChatEvent (pure)', () => {
  it('answers an agent ping in the bot department with pong', () => {
    const result = handleChatEvent(initialChatState('ch_1'), event({ text: 'Ping' }), now, {});
    expect(result.effects).toEqual([{ type: 'karoo.sendMessage', chatId: 'ch_1', text: 'pong' }]);
    expect(result.state).toEqual({
      version: 1,
      chatId: 'ch_1',
      lastActivityAt: now.toISOString(),
      lastContactMessageAt: now.toISOString(),
    });
  });

  it('never answers the bot itself, an agent or the system', () => {
    for (const author of ['bot', 'agent', 'system'] as const) {
      expect(handleChatEvent(initialChatState('ch_1'), event({ author, text: 'ping' }), now, {}).effects).toEqual([]);
    }
  });

  it('counts an agent message as activity but not as the contact speaking', () => {
    const { state } = handleChatEvent(initialChatState('ch_1'), event({ author: 'agent', text: 'oi' }), now, {});
    expect(state.lastActivityAt).toBe(now.toISOString());
    expect(state.lastContactMessageAt).toBeNull();
  });

  it('ignores ping outside the bot department and other words', () => {
    expect(handleChatEvent(initialChatState('ch_1'), event({ department: 'suporte', text: 'ping' }), now, {}).effects).toEqual([]);
    expect(handleChatEvent(initialChatState('ch_1'), event({ text: 'ping pong' }), now, {}).effects).toEqual([]);
    expect(handleChatEvent(initialChatState('ch_1'), event({ type: 'chat.opened' }), now, {}).effects).toEqual([]);
  });

  it('does not mutate the state it was given', () => {
    const state = initialChatState('ch_1');
    handleChatEvent(state, event({ text: 'ping' }), now, {});
    expect(state).toEqual(initialChatState('ch_1'));
  });
});
