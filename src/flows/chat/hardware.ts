import { fold } from '../../util/text.js';
import type { KarooAgent, KarooEvent } from '../../domain/karoo-event.js';
import type { CustomerReading } from '../../nlu/language-model.js';
import type { InternalEvent } from '../../domain/stream.js';
import { hardwareHint } from '../plantao/messages.js';
import { outcomeOf } from '../../domain/results.js';
import { sameCode } from '../../domain/ticket-codes.js';
import { str } from '../phrases.js';
import type { ChatTurn } from './state.js';
import { DAY_MS } from '../../domain/durations.js';

/**
 * A customer reports a hardware problem during a plantão: the technician on the chat gets, once,
 * in their bot chat, the customer's Bimer tickets of the last `PLANTAO_HARDWARE_HINT_DAYS` days
 * (asked when a technician is on the chat, which may be later than the customer's message). Pure.
 */

/** The things a hardware problem is about: the old service orders of the customer tell of them. */
const DEVICE = /\b(?:impressora\w*|imp|balanca\w*|leitor\w*|scanner|pinpad|pin pad|gaveta\w*|computador\w*|pc|notebook|micro|monitor\w*|tela|teclado\w*|mouse|tef|maquininha\w*|maquina\w*|servidor\w*|rede|internet|wi-?fi|roteador\w*|modem|cabo\w*|nobreak|no-break|fonte|hd|ssd|memoria|placa\w*|cupom fiscal|ecf|sat|mfe|etiquetadora|terminal\w*|totem|celular|tablet|coletor\w*|display|energia|luz|bateria|pdv|caixa|equipamento\w*|aparelho\w*|usb|porta|driver)\b/;

/** A customer's message in a shift: about hardware, the hint waits for a technician (asked at once when one is on the chat). */
export function checkHardwareProblem(t: ChatTurn, event: KarooEvent, reading: CustomerReading, text: string): void {
  noteHardwareProblem(t, event, reading, text);
  // The technician on the chat: the one Karoo names, else the last who wrote in it this shift (the hint had waited
  // for that technician's next line).
  askHardwareTickets(t, event.chat.agent ?? t.s.plantao?.record?.technicians.at(-1) ?? null);
}

/**
 * The hint to come once a technician is on the chat: a customer's message about a device. Also for one written the
 * evening before and carried into the next shift (found by an outside tester: "a balança parou de comunicar com o
 * PDV" on Saturday at 18:30 brought Sunday's technician no hint).
 */
export function noteHardwareProblem(t: ChatTurn, event: KarooEvent, reading: CustomerReading, text: string): void {
  const { s } = t;
  // …and only when it names a device: "a nota do cliente nao foi pra sefaz" sent a hint about old service orders.
  if (event.chat.contact.kind === 'customer' && reading.intent === 'customer.hardware' && !s.hardware && DEVICE.test(fold(text))) {
    s.hardware = { state: 'waiting', crmCode: event.chat.contact.crmCode, phone: event.chat.contact.phone, chatNumber: event.chat.number ?? null };
  }
}

/** The customer's tickets of the last days, read for the technician's hint once one is on the chat. */
export function askHardwareTickets(t: ChatTurn, technician: Pick<KarooAgent, 'login' | 'name'> | null): void {
  const { s, now, ctx, out } = t;
  const h = s.hardware;
  if (h?.state !== 'waiting' || !technician?.login) return;
  h.state = 'asked';
  const since = ctx.calendar.bimerDateTime(new Date(now.getTime() - ctx.plantao.hardwareHintDays * DAY_MS));
  out.bimer({ op: 'recentTickets', crmCode: h.crmCode, phone: h.phone, since }, 'hardware.tickets', { login: technician.login, name: technician.name, chatNumber: h.chatNumber });
}

/** Bimer's answer: the hint, in the technician's bot chat. */
export function hardwareResult(t: ChatTurn, ev: InternalEvent): void {
  const { s, seed, ctx, out } = t;
  const o = outcomeOf(ev, 'hardware.tickets');
  if (!o.ok) return out.log('warn', 'could not read the customer tickets for the hardware hint', { chatId: s.chatId, error: o.error });
  const login = str(o.context.login);
  if (!login) return;
  const chatNumber = typeof o.context.chatNumber === 'number' ? o.context.chatNumber : null;
  out.push({
    type: 'karoo.proactive',
    to: { login },
    department: 'bot',
    // No customer found, no tickets read (the hint says so).
    text: hardwareHint(seed, str(o.context.name) || null, { number: chatNumber, contactName: s.contactName }, o.result.customer, o.result.customer ? o.result.tickets.filter((ticket) => !isMonitoringTicket(ticket.typeCode, ctx)) : [], ctx.plantao.hardwareHintDays),
  });
}

/** The monitoring's own tickets (the 2266, the RSP, a contact attempt's 000029) are no service orders for a device. */
function isMonitoringTicket(typeCode: string | null, ctx: ChatTurn['ctx']): boolean {
  return typeCode !== null && ['2266', ctx.monitoring.rspType, ctx.monitoring.okCode].some((code) => sameCode(code, typeCode));
}

