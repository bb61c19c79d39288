import type { KarooEvent } from '../bot/karoo-event.js';
import { echoFlow } from './echo.js';
import type { ChatState, FlowConfig, FlowResult } from './types.js';

/**
 * The pure entry point for every event of a chat: (state, event, now, config) -> { state, effects }.
 * It records activity and hands the event to the flows that apply to the chat.
 */
export function handleChatEvent(
  state: ChatState,
  event: KarooEvent,
  now: Date,
  _config: FlowConfig,
): FlowResult<ChatState> {
  const at = now.toISOString();
  const next: ChatState = { ...state, version: state.version + 1 };
  if (event.type === 'message.created' && event.message) {
    // A message from anyone (contact or agent) is activity; only the contact's own words
    // can ever make the bot answer, so the bot never loops on itself or talks over agents.
    if (event.message.author === 'contact' || event.message.author === 'agent') next.lastActivityAt = at;
    if (event.message.author === 'contact') next.lastContactMessageAt = at;
  }
  const effects = echoFlow(event);
  return { state: next, effects };
}
