import { classifyCustomerReply } from './language.js';
import { firstName, pick, str } from './phrases.js';
import type { Effect, FlowContext, FlowResult, StreamItem, StreamKey } from './types.js';

/**
 * A customer or partner chat (`chat:<chatId>`). Records activity and, when the chat is a
 * monitoring follow-up, passes the customer's answers to the monitoring's owner. Pure.
 */
export interface ChatState {
  kind: 'chat';
  version: number;
  stream: StreamKey;
  chatId: string;
  lastActivityAt: string | null;
  lastContactMessageAt: string | null;
  /** Set when the bot opened this chat for a monitoring follow-up. */
  monitoring: { monitoringId: string; agentStream: StreamKey; agentName: string; customerName: string; optOut: boolean } | null;
}

export function initialChatState(stream: StreamKey, chatId: string): ChatState {
  return { kind: 'chat', version: 0, stream, chatId, lastActivityAt: null, lastContactMessageAt: null, monitoring: null };
}

export function chatFlow(state: ChatState, item: StreamItem, now: Date, _ctx: FlowContext): FlowResult<ChatState> {
  const s: ChatState = structuredClone(state);
  s.version += 1;
  const effects: Effect[] = [];
  const at = now.toISOString();

  if (item.kind === 'internal') {
    const ev = item.event;
    if (ev.type === 'forward' && ev.name === 'monitoring.link') {
      s.monitoring = {
        monitoringId: String(ev.data.monitoringId),
        agentStream: ev.data.agentStream as StreamKey,
        agentName: str(ev.data.agentName),
        customerName: str(ev.data.customerName),
        optOut: false,
      };
    }
    return { state: s, effects };
  }

  const event = item.event;
  if (event.type !== 'message.created' || !event.message) return { state: s, effects };
  const { author, text } = event.message;
  // Anyone's message is activity; only the contact's own words can make the bot answer,
  // so the bot never loops on itself nor talks over an agent.
  if (author === 'contact' || author === 'agent') s.lastActivityAt = at;
  if (author !== 'contact') return { state: s, effects };
  s.lastContactMessageAt = at;

  const link = s.monitoring;
  if (link && !link.optOut && event.chat.contact.kind === 'customer') {
    const kind = classifyCustomerReply(text);
    effects.push({
      type: 'forward',
      stream: link.agentStream,
      name: 'customer.reply',
      data: { monitoringId: link.monitoringId, kind, text, chatId: s.chatId },
    });
    const agent = firstName(link.agentName) || 'a equipe de implantação';
    const name = firstName(event.chat.contact.name);
    const hi = name ? `${name}, ` : '';
    const reply =
      kind === 'optout'
        ? `${hi}tudo bem, não enviaremos mais mensagens automáticas de acompanhamento. Se precisar, é só chamar por aqui.`
        : kind === 'ok'
          ? pick(event.id, [
              `Que ótimo saber, ${hi}obrigado pelo retorno! Vou avisar ${agent}. Qualquer coisa, estamos por aqui.`,
              `${hi}fico feliz que esteja tudo certo! Obrigado por responder — ${agent} vai ficar sabendo.`,
            ])
          : pick(event.id, [
              `${hi}obrigado por contar! Já passei sua mensagem para ${agent}, que vai falar com você em breve.`,
              `Entendi, ${hi}obrigado. Encaminhei agora mesmo para ${agent}, que vai te ajudar com isso.`,
            ]);
    if (kind === 'optout') link.optOut = true;
    effects.push({ type: 'karoo.sendMessage', chatId: s.chatId, text: reply });
  }
  return { state: s, effects };
}
