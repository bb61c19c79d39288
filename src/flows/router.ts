import type { KarooEvent } from '../domain/karoo-event.js';
import { agentFlow, initialAgentState, type AgentState } from './agent-flow.js';
import { chatFlow } from './chat/chat-flow.js';
import { initialChatState, type ChatState } from './chat/state.js';
import { initialOpsState, pendingFlow, type OpsState } from './plantao/pending-flow.js';
import { initialQaState, QA_STREAM, qaFlow, type QaState } from './plantao/qa-flow.js';
import type { FlowContext } from './context.js';
import type { FlowResult } from '../domain/effects.js';
import type { StreamItem, StreamKey } from '../domain/stream.js';

export type StreamState = ChatState | AgentState | OpsState | QaState;

/** What `streamOf` reads of an event: also what a webhook body holds before zod reads it (the fast check, `intake/karoo-event-check.ts`). */
export interface StreamAddress {
  chat: { id: string; department: string; contact: { kind: KarooEvent['chat']['contact']['kind']; login?: string | null | undefined } };
}

/**
 * Which stream an event belongs to: an agent talking to the bot (department `bot`, contact
 * kind `agent` with a login) is their own stream, whatever the chat; everything else is its chat.
 */
export function streamOf(event: StreamAddress): StreamKey {
  const { department, contact } = event.chat;
  if (department === 'bot' && contact.kind === 'agent' && contact.login) return `agent:${contact.login.toLowerCase()}`;
  return `chat:${event.chat.id}`;
}

export function initialState(stream: StreamKey): StreamState {
  const [kind, ...rest] = stream.split(':');
  const id = rest.join(':');
  if (kind === 'agent') return initialAgentState(stream, id);
  if (stream === QA_STREAM) return initialQaState(stream);
  if (kind === 'ops') return initialOpsState(stream);
  return initialChatState(stream, id);
}

/** The one pure entry point: (state, item, now, context) -> { state, effects }. */
export function handleStreamItem(state: StreamState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<StreamState> {
  if (state.kind === 'agent') return agentFlow(state, item, now, ctx);
  if (state.kind === 'ops') return pendingFlow(state, item, now, ctx);
  if (state.kind === 'qa') return qaFlow(state, item, now, ctx);
  return chatFlow(state, item, now, ctx);
}
