import type { KarooEvent } from '../bot/karoo-event.js';
import type { Effect } from './types.js';

/**
 * The smallest flow, proving the path end to end: an agent who writes `ping` to the bot
 * (department `bot`) gets `pong` back through the outbound queue.
 */
export function echoFlow(event: KarooEvent): Effect[] {
  if (event.type !== 'message.created' || !event.message) return [];
  if (event.chat.department !== 'bot' || event.chat.contact.kind !== 'agent') return [];
  if (event.message.author !== 'contact') return [];
  if (event.message.text.trim().toLowerCase() !== 'ping') return [];
  return [{ type: 'karoo.sendMessage', chatId: event.chat.id, text: 'pong' }];
}
