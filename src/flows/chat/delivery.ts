import type { KarooEvent } from '../../domain/karoo-event.js';
import { furthest } from '../../domain/whatsapp.js';
import { liveLink, type ChatTurn } from './state.js';

/**
 * Karoo's reports of how far the bot's messages in this chat got (`message.status`, §4): kept
 * per message, the furthest state winning (a late, repeated or out-of-order status changes
 * nothing), and passed to the monitoring's owner, who follows the week's follow-up; the reports
 * that came before the link are passed when it arrives. Pure.
 */

/** How many messages' deliveries a chat keeps (the latest). */
const KEPT = 30;

export function deliveryReported(t: ChatTurn, event: KarooEvent): void {
  const { s, now } = t;
  const status = event.status;
  if (!status) return;
  const kept = { ...s.deliveries };
  const before = kept[status.messageId];
  const state = furthest(before?.state ?? null, status.state);
  if (before?.state === state) return;
  kept[status.messageId] = { state, error: state === 'failed' ? (status.error?.code ?? 'undeliverable') : null, at: now.toISOString() };
  s.deliveries = Object.fromEntries(Object.entries(kept).sort(([, a], [, b]) => b.at.localeCompare(a.at)).slice(0, KEPT));
  tellOwner(t, [status.messageId]);
}

/** The monitoring's owner hears of these messages' deliveries (all the chat keeps when none are named). */
export function tellOwner(t: ChatTurn, messageIds?: string[]): void {
  const { s, out } = t;
  const link = liveLink(s);
  if (!link) return;
  for (const messageId of messageIds ?? Object.keys(s.deliveries)) {
    const d = s.deliveries[messageId];
    if (d) out.tell(link.agentStream, 'followup.status', { monitoringId: link.monitoringId, messageId, state: d.state, error: d.error });
  }
}
