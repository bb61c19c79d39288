import type { KarooAgent, KarooEvent } from '../domain/karoo-event.js';
import type { Shift } from '../roster/roster.js';
import { when } from '../nlu/entities.js';
import type { ScheduleTopic } from '../nlu/intents.js';
import { fold } from '../util/text.js';
import { firstName, str } from './phrases.js';
import {
  closingMessage,
  endOfShiftNotice,
  fresh,
  hardwareHint,
  hoursOf,
  idlePing,
  resellerNotice,
  resellerToCustomer,
  scheduleAnswer,
  solvedMessage,
  type Hours,
} from './plantao/messages.js';
import { QA_STREAM } from './plantao/qa-flow.js';
import { closedAs, contactWrote, newRecord, shiftEnded, technicianWrote, type ChatRecord } from './plantao/record.js';
import { outcomeOf } from './results.js';
import { parseTimerId, timerIds } from './timer-ids.js';
import type { Effect, FlowContext, FlowResult, InternalEvent, StreamItem, StreamKey } from './types.js';

/**
 * A customer or partner chat (`chat:<chatId>`). Pure. It records activity; when the chat is a
 * monitoring follow-up it passes the customer's answers to the monitoring's owner; and while a
 * plantão shift covers the chat's department it runs the on-call rules
 * (shared/mission/weekend-on-call.md): idle check-ins, the end-of-shift notice, closing after
 * "tudo ok" or "resolvido", the reseller's-customer redirect, no scheduling out of hours, and
 * pending work handed to the `ops:pending` stream.
 */

export interface PlantaoChat {
  shiftId: string;
  shiftEnd: string;
  idleDueAt: string | null;
  pings: number;
  closeDueAt: string | null;
  externo: boolean;
  noticeSent: boolean;
  pending: string | null;
  /** What "tudo ok" or "resolvido" the close after a quiet while is waiting on. */
  okKind?: 'tudo-ok' | 'resolvido';
  /** The chat during this shift, as QA reviews it (sent to `ops:qa` at the close and at the shift's end). */
  record?: ChatRecord;
  /** The shift's end has passed and the record went to `ops:qa`: no more changes to it. */
  reported?: boolean;
}

export interface ChatState {
  kind: 'chat';
  version: number;
  stream: StreamKey;
  chatId: string;
  department: string | null;
  contactName: string | null;
  contactKind: string | null;
  /** The contact's phone as Karoo gave it (E.164): how an erasure request by phone finds the chat. */
  contactPhone?: string | null;
  /** When the chat last changed: the retention sweep forgets a chat quiet for `RETENTION_DAYS`. */
  updatedAt?: string;
  lastActivityAt: string | null;
  lastContactMessageAt: string | null;
  closed: boolean;
  /** The last text the bot sent here: the next one is never the same. */
  lastBotText: string | null;
  /**
   * A customer's last message while the chat is not (yet) linked to a monitoring: the answer to a
   * follow-up can arrive before the bot has learnt which chat Karoo opened for it.
   */
  earlyReply?: { text: string; name: string | null; id: string; at: string } | null;
  /** Set when the bot opened this chat for a monitoring follow-up. */
  monitoring: { monitoringId: string; agentStream: StreamKey; agentName: string; customerName: string; optOut: boolean } | null;
  plantao: PlantaoChat | null;
  reseller: 'unknown' | 'checking' | 'none' | 'handled';
  /**
   * A hardware problem reported during a plantão: the technician on the chat gets the customer's
   * recent tickets once (`waiting` until a technician is on the chat).
   */
  hardware?: { state: 'waiting' | 'asked'; crmCode: string | null; phone: string | null; chatNumber: number | null } | null;
  /**
   * The one timer a chat keeps armed: the earliest of its deadlines (idle check-in, closing,
   * end-of-shift notice). One delayed job per open chat instead of one per deadline.
   */
  wakeAt: string | null;
}

export function initialChatState(stream: StreamKey, chatId: string): ChatState {
  return {
    kind: 'chat',
    version: 0,
    stream,
    chatId,
    department: null,
    contactName: null,
    contactKind: null,
    lastActivityAt: null,
    lastContactMessageAt: null,
    closed: false,
    lastBotText: null,
    monitoring: null,
    plantao: null,
    reseller: 'unknown',
    wakeAt: null,
  };
}

const MINUTE = 60_000;

class ChatOut {
  readonly effects: Effect[] = [];
  constructor(private readonly s: ChatState) {}
  say(text: string): void {
    this.s.lastBotText = text;
    this.effects.push({ type: 'karoo.sendMessage', chatId: this.s.chatId, text });
  }
  /** Arms, moves or cancels the chat's wake-up timer to match its deadlines. */
  syncWake(wakeAt: string | null): void {
    if (wakeAt === this.s.wakeAt) return;
    const timerId = timerIds.chatWake(this.s.chatId);
    this.s.wakeAt = wakeAt;
    this.effects.push(wakeAt ? { type: 'timer.set', stream: this.s.stream, timerId, dueAt: wakeAt, data: { dueAt: wakeAt } } : { type: 'timer.cancel', timerId });
  }
  push(effect: Effect): void {
    this.effects.push(effect);
  }
}

export function chatFlow(state: ChatState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<ChatState> {
  const s: ChatState = { ...initialChatState(state.stream, state.chatId), ...structuredClone(state) };
  s.version += 1;
  s.updatedAt = now.toISOString();
  const out = new ChatOut(s);
  if (item.kind === 'internal') onInternal(s, item.event, now, ctx, out);
  else onKaroo(s, item.event, now, ctx, out);
  out.syncWake(nextWake(s, ctx));
  return { state: s, effects: out.effects };
}

function onKaroo(s: ChatState, event: KarooEvent, now: Date, ctx: FlowContext, out: ChatOut): void {
  s.department = event.chat.department;
  s.contactName = event.chat.contact.name ?? s.contactName;
  s.contactKind = event.chat.contact.kind;
  s.contactPhone = event.chat.contact.phone ?? s.contactPhone ?? null;
  if (event.type === 'chat.closed') {
    // Closed by a person (the bot's own closes mark the chat closed before Karoo says so).
    if (!s.closed) closeRecord(s, 'pelo-tecnico', now, out);
    closeDown(s);
    return;
  }
  if (event.type === 'chat.opened') s.closed = false;
  if (event.type !== 'message.created' || !event.message) return;
  const { author, text } = event.message;
  const at = now.toISOString();
  // Anyone's message is activity; only the contact's own words can make the bot answer,
  // so the bot never loops on itself nor talks over an agent.
  if (author === 'contact' || author === 'agent') s.lastActivityAt = at;
  if (author === 'agent') return onAgentInChat(s, event, text, now, ctx, out);
  if (author !== 'contact') return;
  s.lastContactMessageAt = at;
  s.closed = false;

  if (s.monitoring && !s.monitoring.optOut && event.chat.contact.kind === 'customer') {
    return monitoringReply(s, { text, name: event.chat.contact.name, id: event.id }, ctx, out);
  }
  if (!s.monitoring && event.chat.contact.kind === 'customer') s.earlyReply = { text, name: event.chat.contact.name, id: event.id, at };

  const reading = ctx.nlu.customer(text);
  if (reading.topic && !ctx.calendar.isBusinessTime(now)) {
    // The day and time the customer asked for ("amanhã às 10h"), said back so they take it to the sector.
    const wanted = when(text, now, -ctx.calendar.local(now).getTimezoneOffset());
    const asked = wanted ? ctx.calendar.describe(new Date(wanted.at)) : null;
    out.say(scheduleAnswer(event.id, s.contactName, TOPIC_NAMES[reading.topic], ctx.calendar.describe(ctx.calendar.nextOpening(now)), s.lastBotText, asked));
  }

  const shift = ctx.roster.activeShift(event.chat.department, now);
  if (!shift) return;
  const p = enterShift(s, shift, event.chat.number ?? null, ctx, out);
  if (p.record) contactWrote(p.record, now, reading.intent === 'customer.all_fine' || reading.intent === 'customer.solved');

  if (event.chat.contact.kind === 'customer' && s.reseller === 'unknown' && !event.chat.contact.crmCode && !event.chat.contact.phone) {
    s.reseller = 'none'; // nothing to look the customer up by
  }
  if (event.chat.contact.kind === 'customer' && s.reseller === 'unknown') {
    s.reseller = 'checking';
    out.push({
      type: 'bimer',
      op: { op: 'lookupReseller', crmCode: event.chat.contact.crmCode, phone: event.chat.contact.phone },
      onResult: { stream: s.stream, tag: 'reseller.lookup', context: { phone: event.chat.contact.phone, requester: event.chat.contact.name } },
    });
  }

  if (event.chat.contact.kind === 'customer' && reading.intent === 'customer.hardware' && !s.hardware) {
    s.hardware = { state: 'waiting', crmCode: event.chat.contact.crmCode, phone: event.chat.contact.phone, chatNumber: event.chat.number ?? null };
  }
  askHardwareTickets(s, event.chat.agent, now, ctx, out);

  // The contact wrote: whatever was counting down starts again.
  p.pings = 0;
  if (p.closeDueAt) {
    p.closeDueAt = null;
  }
  const { intent } = reading;
  const partner = isPartner(s);
  if (!p.externo && (intent === 'customer.all_fine' || intent === 'customer.solved')) {
    if (partner || (intent === 'customer.solved' && s.department !== 'implantacao')) {
      // A partner (or a solved problem outside implantation): tell the hours and close now.
      out.say(solvedMessage(event.id, s.contactName, hours(s, shift, ctx), s.lastBotText));
      out.push({ type: 'karoo.closeChat', chatId: s.chatId, reason: 'resolvido no plantão' });
      closeRecord(s, intent === 'customer.solved' ? 'resolvido' : 'tudo-ok', now, out);
      closeDown(s);
      return;
    }
    // An implantation customer who needs nothing else: close after a quiet while.
    const due = new Date(now.getTime() + ctx.plantao.closeAfterMinutes * MINUTE);
    p.closeDueAt = due.toISOString();
    p.okKind = intent === 'customer.solved' ? 'resolvido' : 'tudo-ok';
    p.idleDueAt = null;
    return;
  }
  armIdle(s, p, now, ctx);
}

function onAgentInChat(s: ChatState, event: KarooEvent, text: string, now: Date, ctx: FlowContext, out: ChatOut): void {
  // The technician who takes the chat gets the hint the customer's hardware problem was waiting for.
  askHardwareTickets(s, event.chat.agent, now, ctx, out);
  const t = fold(text);
  const shift = ctx.roster.activeShift(event.chat.department, now);
  const p = shift ? enterShift(s, shift, event.chat.number ?? null, ctx, out) : s.plantao;
  const command = /^[#/](externo|pendente)\b/.test(t);
  if (shift && p?.record && event.chat.agent?.login && !command) technicianWrote(p.record, { login: event.chat.agent.login, name: event.chat.agent.name }, text, now, ctx.nlu.technician(text));
  if (/^[#/]externo\b/.test(t) && p) {
    p.externo = true;
    p.idleDueAt = null;
    p.closeDueAt = null;
    return;
  }
  const pending = /^[#/]pendente\b\s*[:\-–]?\s*(.*)$/is.exec(text.trim());
  if (pending) {
    const reason = pending[1]?.trim() || 'sem motivo informado';
    if (p) p.pending = reason;
    if (p?.record && shift) p.record.pending = reason;
    const shiftEnd = p ? p.shiftEnd : now.toISOString();
    out.push({
      type: 'forward',
      stream: 'ops:pending',
      name: 'pending.add',
      data: {
        chatId: s.chatId,
        chatNumber: event.chat.number,
        sector: event.chat.department,
        reason,
        by: event.chat.agent?.name ?? event.chat.agent?.login ?? 'técnico do plantão',
        contactName: s.contactName,
        shiftId: p?.shiftId ?? 'sem-plantao',
        shiftEnd,
        at: now.toISOString(),
      },
    });
    return;
  }
  // The technician is talking: the bot does not talk over them, the silence count restarts.
  if (p && !p.externo && !p.closeDueAt) {
    p.pings = 0;
    armIdle(s, p, now, ctx);
  }
}

/** What is scheduled, as the customer reads it. */
const TOPIC_NAMES: Record<ScheduleTopic, string> = {
  training: 'treinamento',
  coupon: 'ajuste de cupom/ticket',
  labels: 'etiquetas',
  nfe: 'NF-e/NFC-e personalizada',
};

function monitoringReply(s: ChatState, message: { text: string; name: string | null; id: string }, ctx: FlowContext, out: ChatOut): void {
  const { text } = message;
  const link = s.monitoring as NonNullable<ChatState['monitoring']>;
  const { intent } = ctx.nlu.customer(text);
  const kind = intent === 'customer.optout' ? 'optout' : intent === 'customer.all_fine' || intent === 'customer.solved' ? 'ok' : 'issue';
  out.push({
    type: 'forward',
    stream: link.agentStream,
    name: 'customer.reply',
    data: { monitoringId: link.monitoringId, kind, text, chatId: s.chatId },
  });
  const agent = firstName(link.agentName) || 'a equipe de implantação';
  const name = firstName(message.name);
  const hi = name ? `${name}, ` : '';
  const reply =
    kind === 'optout'
      ? `${hi}tudo bem, não enviaremos mais mensagens automáticas de acompanhamento. Se precisar, é só chamar por aqui.`
      : kind === 'ok'
        ? fresh(
            message.id,
            [
              `Que ótimo saber, ${hi}obrigado pelo retorno! Vou avisar ${agent}. Qualquer coisa, estamos por aqui.`,
              `${hi}fico feliz que esteja tudo certo! Obrigado por responder — ${agent} vai ficar sabendo.`,
            ],
            s.lastBotText,
          )
        : fresh(
            message.id,
            [
              `${hi}obrigado por contar! Já passei sua mensagem para ${agent}, que vai falar com você em breve.`,
              `Entendi, ${hi}obrigado. Encaminhei agora mesmo para ${agent}, que vai te ajudar com isso.`,
            ],
            s.lastBotText,
          );
  if (kind === 'optout') link.optOut = true;
  out.say(reply);
}

function onInternal(s: ChatState, ev: InternalEvent, now: Date, ctx: FlowContext, out: ChatOut): void {
  if (ev.type === 'forward' && ev.name === 'monitoring.link') {
    s.monitoring = {
      monitoringId: str(ev.data.monitoringId),
      agentStream: ev.data.agentStream as StreamKey,
      agentName: str(ev.data.agentName),
      customerName: str(ev.data.customerName),
      optOut: false,
    };
    // The customer answered before the link arrived: that answer is the reply to the follow-up.
    const early = s.earlyReply;
    s.earlyReply = null;
    if (early && Date.parse(early.at) >= Date.parse(str(ev.data.sentAt, early.at))) monitoringReply(s, early, ctx, out);
    return;
  }
  if (ev.type === 'effect.result' && ev.name === 'reseller.lookup') return resellerResult(s, ev, out);
  if (ev.type === 'effect.result' && ev.name === 'hardware.tickets') return hardwareResult(s, ev, ctx, out);
  if (ev.type !== 'timer') return;
  const p = s.plantao;
  if (!p || s.closed) return;
  const kind = parseTimerId(ev.name)?.step;
  const dueAt = str(ev.data.dueAt);
  const shift = ctx.roster.shifts.find((x) => x.id === p.shiftId) ?? null;
  if (kind === 'wake') {
    if (s.wakeAt !== dueAt) return; // moved or cancelled since: a stale wake-up
    s.wakeAt = null;
    const passed = (iso: string | null): iso is string => iso !== null && Date.parse(iso) <= now.getTime();
    if (passed(p.closeDueAt)) onCloseDue(s, p, shift, p.closeDueAt, ev, ctx, out);
    else if (passed(p.idleDueAt)) onIdleDue(s, p, shift, p.idleDueAt, ev, now, ctx, out);
    if (!s.closed && !p.noticeSent && passed(noticeDue(p, ctx))) onNoticeDue(s, p, shift, ev, now, ctx, out);
    if (!s.closed && !p.reported && passed(p.shiftEnd)) endOfShift(s, p, out);
    return;
  }
  // Timers armed one per deadline (before the wake-up timer): still honoured.
  if (kind === 'idle') return onIdleDue(s, p, shift, dueAt, ev, now, ctx, out);
  if (kind === 'close') return onCloseDue(s, p, shift, dueAt, ev, ctx, out);
  if (kind === 'notice' && str(ev.data.shiftId) === p.shiftId) return onNoticeDue(s, p, shift, ev, now, ctx, out);
}

function onIdleDue(s: ChatState, p: PlantaoChat, shift: Shift | null, dueAt: string, ev: InternalEvent, now: Date, ctx: FlowContext, out: ChatOut): void {
  if (p.idleDueAt !== dueAt || p.externo || p.closeDueAt) return;
  if (!shift || now >= ctx.roster.endOf(shift)) {
    p.idleDueAt = null;
    return;
  }
  p.pings += 1;
  if (p.record) p.record.checkins += 1;
  out.say(idlePing(ev.id, s.contactName, isPartner(s), s.lastBotText));
  armIdle(s, p, now, ctx, ctx.plantao.idleMinutes);
}

function onCloseDue(s: ChatState, p: PlantaoChat, shift: Shift | null, dueAt: string, ev: InternalEvent, ctx: FlowContext, out: ChatOut): void {
  if (p.closeDueAt !== dueAt) return;
  out.say(closingMessage(ev.id, s.contactName, hours(s, shift, ctx), s.lastBotText));
  out.push({ type: 'karoo.closeChat', chatId: s.chatId, reason: 'cliente sem novas mensagens após tudo ok' });
  closeRecord(s, p.okKind ?? 'tudo-ok', new Date(dueAt), out);
  closeDown(s);
}

function onNoticeDue(s: ChatState, p: PlantaoChat, shift: Shift | null, ev: InternalEvent, now: Date, ctx: FlowContext, out: ChatOut): void {
  if (p.noticeSent || !shift) return;
  const end = ctx.roster.endOf(shift);
  if (now >= end) return; // the shift is over: a late notice would only confuse
  p.noticeSent = true;
  if (p.record) {
    p.record.notice = true;
    p.record.hoursTold = true;
  }
  const left = Math.max(1, Math.round((end.getTime() - now.getTime()) / MINUTE));
  out.say(endOfShiftNotice(ev.id, s.contactName, hours(s, shift, ctx), left, s.lastBotText));
}

/** When the end-of-shift notice is due: `PLANTAO_NOTICE_MINUTES` before the shift ends. */
function noticeDue(p: PlantaoChat, ctx: FlowContext): string {
  return new Date(Date.parse(p.shiftEnd) - ctx.plantao.noticeMinutes * MINUTE).toISOString();
}

/** The earliest deadline the chat is waiting for, or null when it waits for nothing. */
function nextWake(s: ChatState, ctx: FlowContext): string | null {
  const p = s.plantao;
  if (!p || s.closed) return null;
  const candidates = [p.idleDueAt, p.closeDueAt, p.noticeSent ? null : noticeDue(p, ctx), p.reported || !p.record ? null : p.shiftEnd].filter((x): x is string => x !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** The customer's tickets of the last days, read for the technician's hint once one is on the chat. */
function askHardwareTickets(s: ChatState, technician: KarooAgent | null, now: Date, ctx: FlowContext, out: ChatOut): void {
  const h = s.hardware;
  if (h?.state !== 'waiting' || !technician?.login) return;
  h.state = 'asked';
  const since = ctx.calendar.bimerDateTime(new Date(now.getTime() - ctx.plantao.hardwareHintDays * 24 * 3600 * 1000));
  out.push({
    type: 'bimer',
    op: { op: 'recentTickets', crmCode: h.crmCode, phone: h.phone, since },
    onResult: { stream: s.stream, tag: 'hardware.tickets', context: { login: technician.login, name: technician.name, chatNumber: h.chatNumber } },
  });
}

function hardwareResult(s: ChatState, ev: InternalEvent, ctx: FlowContext, out: ChatOut): void {
  const o = outcomeOf(ev, 'hardware.tickets');
  if (!o.ok) {
    out.push({ type: 'log', level: 'warn', message: 'could not read the customer tickets for the hardware hint', data: { chatId: s.chatId, error: o.error } });
    return;
  }
  const login = str(o.context.login);
  if (!login) return;
  const chatNumber = typeof o.context.chatNumber === 'number' ? o.context.chatNumber : null;
  out.push({
    type: 'karoo.proactive',
    to: { login },
    department: 'bot',
    text: hardwareHint(ev.id, str(o.context.name) || null, { number: chatNumber, contactName: s.contactName }, o.result.customer, o.result.tickets, ctx.plantao.hardwareHintDays),
  });
}

function resellerResult(s: ChatState, ev: InternalEvent, out: ChatOut): void {
  if (s.reseller !== 'checking') return;
  const o = outcomeOf(ev, 'reseller.lookup');
  const reseller = o.ok ? o.result.reseller : null;
  const customer = o.ok ? o.result.customer : null;
  if (!o.ok || !reseller || !customer) {
    s.reseller = 'none';
    if (!o.ok) out.push({ type: 'log', level: 'warn', message: 'reseller lookup failed', data: { chatId: s.chatId, error: o.error } });
    return;
  }
  s.reseller = 'handled';
  if (s.plantao?.record && !s.plantao.reported) {
    s.plantao.record.resellerRedirect = true;
    s.plantao.record.waitingSince = null; // the bot answered: the customer waits for no technician
  }
  const { context, result } = o;
  out.say(resellerToCustomer(ev.id, s.contactName, reseller.name, reseller.contact, s.lastBotText));
  for (const bad of result.invalidPhones ?? []) {
    out.push({ type: 'log', level: 'error', message: 'a reseller contact phone in Bimer is not a valid number: fix the record', data: { chatId: s.chatId, customer: customer.code, record: bad.record, phone: bad.phone } });
  }
  if (reseller.contact) {
    out.push({
      type: 'karoo.proactive',
      to: { phone: reseller.contact.phone },
      department: 'partner',
      text: resellerNotice(reseller.contact.name, customer, str(context.phone) || null, str(context.requester) || null),
    });
  } else {
    out.push({ type: 'log', level: 'error', message: 'reseller has no contact with a valid phone: tell them by hand', data: { chatId: s.chatId, customer: customer.code, reseller: reseller.name } });
  }
}

function enterShift(s: ChatState, shift: Shift, chatNumber: number | null, ctx: FlowContext, out: ChatOut): PlantaoChat {
  if (s.plantao?.shiftId === shift.id) {
    if (s.plantao.record && chatNumber !== null) s.plantao.record.chatNumber ??= chatNumber;
    return s.plantao;
  }
  if (s.plantao && !s.plantao.reported && !s.closed) endOfShift(s, s.plantao, out); // the previous shift's record is final
  const end = ctx.roster.endOf(shift);
  s.plantao = {
    shiftId: shift.id,
    shiftEnd: end.toISOString(),
    idleDueAt: null,
    pings: 0,
    closeDueAt: null,
    externo: s.plantao?.externo ?? false,
    noticeSent: false,
    pending: null,
    record: newRecord(s.chatId, chatNumber, s.department ?? shift.sectors[0] ?? '', s.contactName, isPartner(s)),
    reported: false,
  };
  return s.plantao;
}

/** The record goes to QA's stream (`ops:qa`), with the shift it belongs to. */
function sendRecord(p: PlantaoChat, out: ChatOut): void {
  if (!p.record) return;
  out.push({ type: 'forward', stream: QA_STREAM, name: 'qa.chat', data: { shift: { id: p.shiftId, end: p.shiftEnd }, record: p.record } });
}

/** The chat closed during its shift: how, in the record, which goes to QA. */
function closeRecord(s: ChatState, how: NonNullable<ChatRecord['closed']>, at: Date, out: ChatOut): void {
  const p = s.plantao;
  if (!p?.record || p.reported || at.getTime() >= Date.parse(p.shiftEnd)) return;
  closedAs(p.record, how, at);
  sendRecord(p, out);
}

/** The shift is over with the chat still open: the record, final now, goes to QA. */
function endOfShift(s: ChatState, p: PlantaoChat, out: ChatOut): void {
  if (!p.record) return;
  shiftEnded(p.record, new Date(p.shiftEnd));
  p.reported = true;
  sendRecord(p, out);
}

function armIdle(s: ChatState, p: PlantaoChat, now: Date, ctx: FlowContext, minutes?: number): void {
  if (p.externo) return;
  const wait = minutes ?? (isPartner(s) ? ctx.plantao.partnerIdleMinutes : ctx.plantao.idleMinutes);
  const due = new Date(now.getTime() + wait * MINUTE);
  p.idleDueAt = due.toISOString();
}

function closeDown(s: ChatState): void {
  s.closed = true;
  if (s.plantao) {
    s.plantao.idleDueAt = null;
    s.plantao.closeDueAt = null;
  }
}

function isPartner(s: ChatState): boolean {
  return s.department === 'partner' || s.contactKind === 'partner';
}

/** Today's closing time and the start of the next working period (roster shift or business day). */
function hours(s: ChatState, shift: Shift | null, ctx: FlowContext): Hours {
  const end = shift ? ctx.roster.endOf(shift) : new Date(s.plantao?.shiftEnd ?? Date.parse(s.lastActivityAt ?? '1970-01-01'));
  const opening = ctx.calendar.nextOpening(end);
  const nextShift = ctx.roster.nextShiftStart(end, s.department ?? undefined);
  const next = nextShift && nextShift < opening ? nextShift : opening;
  return hoursOf(ctx.calendar, end, next);
}
