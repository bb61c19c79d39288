import { paramKeepsRules, windowOpen } from '../domain/whatsapp.js';

/**
 * WhatsApp's rules as Karoo applies them (docs/contracts/karoo-chat.md §4), for the stand-ins
 * the bot is tried against: the sandbox's Karoo and the tests' fake. Free text to a phone, or into
 * a chat whose contact is a phone, only within 24 hours of that person's last message (in any
 * chat); outside it only an approved template whose parameters keep Meta's rules. Pure.
 */

/** A person's message as the stand-in saw it: from which phone, in which chat, when. */
export interface Inbound {
  phone: string;
  chatId: string;
  at: string;
}

/** A call to Karoo as the stand-in reads it. */
export interface KarooCall {
  /** The person's phone: `to.phone` of a proactive message, or the phone of the chat's contact; null: an agent (no window). */
  phone: string | null;
  text?: unknown;
  template?: unknown;
}

/** The suggested pt-BR text of each template the bot uses by default (docs/ROUTINES.md, "WhatsApp templates"): how a stand-in shows a template send. */
export const TEMPLATE_TEXTS: Readonly<Record<string, string>> = {
  acompanhamento_semanal:
    'Olá, {{1}}! Aqui é {{3}}, da implantação do sistema de {{2}}. Passando para saber como está sendo a {{4}} semana de uso: está tudo certo ou surgiu alguma dúvida ou problema? Se preferir não receber estas mensagens, responda "não quero mais mensagens".',
  aviso_revenda: 'Olá, {{1}}! Aqui é o plantão. O cliente {{2}}, atendido pela sua revenda, entrou em contato conosco pelo telefone {{3}}. Quem pediu atendimento: {{4}}. O que pediu: {{5}}. Por favor, retornem o contato para atendê-lo.',
};

/** A template send as the person reads it (the suggested text filled in, else its name and parameters). */
export function renderTemplate(template: unknown): string {
  const t = (template ?? {}) as { name?: unknown; params?: unknown };
  const params = Array.isArray(t.params) ? t.params.map(String) : [];
  const text = typeof t.name === 'string' ? TEMPLATE_TEXTS[t.name] : undefined;
  if (!text) return `[modelo ${String(t.name)}] ${params.join(' | ')}`;
  return text.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => params[Number(n) - 1] ?? '');
}

function lastFrom(inbounds: readonly Inbound[], phone: string): string | null {
  let last: string | null = null;
  for (const i of inbounds) if (i.phone === phone && (!last || i.at > last)) last = i.at;
  return last;
}

/** The refusal Karoo would answer to the call (its error code), or null when it goes through. */
export function karooRefusal(inbounds: readonly Inbound[], call: KarooCall, approved: readonly string[], now: Date): 'outside_window' | 'template_not_approved' | null {
  if (call.template !== undefined) {
    const t = call.template as { name?: unknown; params?: unknown };
    const params = Array.isArray(t.params) ? t.params : null;
    const ok = typeof t.name === 'string' && approved.includes(t.name) && params !== null && params.every((p) => typeof p === 'string' && paramKeepsRules(p));
    return ok ? null : 'template_not_approved';
  }
  if (!call.phone) return null; // an agent, or a chat with no phone contact: no window
  return windowOpen(lastFrom(inbounds, call.phone), now) ? null : 'outside_window';
}
