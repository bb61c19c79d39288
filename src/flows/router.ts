import type { KarooEvent } from '../bot/karoo-event.js';
import { agentFlow, initialAgentState, type AgentState } from './agent-flow.js';
import { chatFlow, initialChatState, type ChatState } from './chat-flow.js';
import type { FlowContext, FlowResult, StreamItem, StreamKey } from './types.js';

export type StreamState = ChatState | AgentState;

/**
 * Which stream an event belongs to: an agent talking to the bot (department `bot`, contact
 * kind `agent` with a login) is their own stream, whatever the chat; everything else is its chat.
 */
export function streamOf(event: KarooEvent): StreamKey {
  const { department, contact } = event.chat;
  if (department === 'bot' && contact.kind === 'agent' && contact.login) return `agent:${contact.login.toLowerCase()}`;
  return `chat:${event.chat.id}`;
}

export function initialState(stream: StreamKey): StreamState {
  const [kind, ...rest] = stream.split(':');
  const id = rest.join(':');
  return kind === 'agent' ? initialAgentState(stream, id) : initialChatState(stream, id);
}

/** The one pure entry point: (state, item, now, context) -> { state, effects }. */
export function handleStreamItem(state: StreamState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<StreamState> {
  return state.kind === 'agent' ? agentFlow(state, item, now, ctx) : chatFlow(state, item, now, ctx);
}
