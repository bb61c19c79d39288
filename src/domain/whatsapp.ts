import { DAY_MS } from './durations.js';
/**
 * WhatsApp's rules for what the bot sends to a phone (docs/contracts/karoo-chat.md §4): free
 * text only within 24 hours of the person's last message, else a template approved in Karoo;
 * the delivery statuses Karoo reports; and the rules a template's parameters must keep. Pure.
 */

/** How long a person's message keeps the customer-service window open. */
export const WINDOW_MS = DAY_MS;

/** A template send: its name and language in Karoo, and the values of its `{{1}}`, `{{2}}`, … in order. */
export interface TemplateSend {
  name: string;
  language: string;
  params: string[];
}

/** What a send to a phone becomes: free text (inside the window), the template, or nothing at all. */
export type SendForm = 'text' | 'template' | 'none';

/** Inside the window the personalised text; outside it the template, when the message has one; else nothing. */
export function sendForm(windowOpen: boolean, hasTemplate: boolean): SendForm {
  if (windowOpen) return 'text';
  return hasTemplate ? 'template' : 'none';
}

/** Whether a person who last wrote at `lastContactAt` (ISO, or null: never) can get free text at `now`. */
export function windowOpen(lastContactAt: string | null, now: Date): boolean {
  if (!lastContactAt) return false;
  const at = Date.parse(lastContactAt);
  return Number.isFinite(at) && now.getTime() - at < WINDOW_MS && at - now.getTime() < WINDOW_MS;
}

/** The longest parameter Meta accepts, in characters. */
export const PARAM_MAX = 1024;

/**
 * A value made fit for a template parameter: line breaks, tabs and runs of spaces become one
 * space, cut at `PARAM_MAX` code points (never half a character), and never empty (`fallback`).
 */
export function templateParam(value: string | null | undefined, fallback: string): string {
  const clean = (v: string): string => Array.from(v.replace(/\s+/gu, ' ').trim()).slice(0, PARAM_MAX).join('').trim();
  return clean(value ?? '') || clean(fallback) || '-';
}

/** Whether a value keeps the rules as it is (what Karoo checks before it accepts a template). */
export function paramKeepsRules(value: string): boolean {
  return value.length > 0 && Array.from(value).length <= PARAM_MAX && !/[\n\r\t]/.test(value) && !/ {5,}/.test(value);
}

/** A message's delivery, as Karoo's `message.status` events report it (§4). */
export type DeliveryState = 'sent' | 'delivered' | 'read' | 'failed';
export type DeliveryError = 'not_on_whatsapp' | 'blocked' | 'outside_window' | 'undeliverable';

/** How far a message got: a status that is not further on changes nothing (late, repeated, out of order). */
const RANK: Record<DeliveryState, number> = { sent: 1, failed: 2, delivered: 3, read: 4 };

export function furthest(current: DeliveryState | null, next: DeliveryState): DeliveryState {
  return current && RANK[current] >= RANK[next] ? current : next;
}
