import type { Shift } from '../../roster/roster.js';
import type { InternalEvent } from '../../domain/stream.js';
import { CLOSE_REASON, afterShiftMessage, beforeShiftMessage, closingMessage, endOfShiftNotice, hoursOf, idlePing, leftPendingMessage, mayCloseQuestion, solvedMessage, waitAlert, waitingPing, type Hours } from '../plantao/messages.js';
import { SECTOR_NAMES } from '../plantao/qa-report.js';
import { QA_STREAM } from '../plantao/qa-flow.js';
import { closedAs, contactWrote, minutesBetween, newRecord, shiftEnded, type ChatRecord } from '../plantao/record.js';
import { outcomeOf } from '../../domain/results.js';
import { parseTimerId } from '../timer-ids.js';
import { str } from '../phrases.js';
import { truncate } from '../../util/text.js';
import { addressee, recentlySaid, isPartner, liveLink, sentToResellerAgain, type ChatState, type ChatTurn, type PlantaoChat } from './state.js';
import { DAY_MS as DAY, MINUTE_MS as MINUTE } from '../../domain/durations.js';

/**
 * The plantão shift on a chat (docs/mission/weekend-on-call.md), in the order it happens: the
 * chat enters the shift covering its department; each message of the contact restarts the
 * silence count, and a clear "tudo ok" or "resolvido" closes the chat (a partner's, or a solved
 * problem outside implantation, at once; an implantation customer's after a quiet while), with
 * the hours; silence brings the idle check-ins; 30 minutes before the end comes the end-of-shift
 * notice; at the end the chat's QA record goes to `ops:qa`. One wake-up timer per chat, at its
 * earliest deadline. Pure.
 */


/** The chat in the shift: the same one while the shift lasts, a new one (and a new QA record) when another begins. */
export function enterShift(t: ChatTurn, shift: Shift): PlantaoChat {
  const { s, ctx } = t;
  // The chat's number as Karoo last gave it (a chat that first wrote after a shift, carried into the next, keeps it:
  // found by an outside tester, such a chat was named "ch_sbx_partner" to QA); a state from before it was kept, its record's.
  const chatNumber = s.chatNumber ?? s.plantao?.record?.chatNumber ?? null;
  if (s.plantao?.shiftId === shift.id) {
    if (s.plantao.record && chatNumber !== null) s.plantao.record.chatNumber ??= chatNumber;
    return s.plantao;
  }
  if (s.plantao && !s.plantao.reported && !s.closed) endOfShift(t, s.plantao); // the previous shift's record is final
  // A reseller's customer who comes back on another shift is sent to the reseller again, and the reseller told again.
  if (s.reseller === 'handled') s.reseller = 'unknown';
  s.plantao = {
    shiftId: shift.id,
    shiftEnd: ctx.roster.endOf(shift).toISOString(),
    idleDueAt: null,
    pings: 0,
    closeDueAt: null,
    // A partner out on an external job over the weekend stays with the technicians the next day; not weeks later.
    externo: s.plantao?.externo === true && ctx.roster.startOf(shift).getTime() - Date.parse(s.plantao.shiftEnd) < DAY,
    // …and so does a contact's "para de me mandar essas msg automáticas" (found by an outside tester: Sunday's check-ins came back).
    ...(s.plantao?.optedOut === true && ctx.roster.startOf(shift).getTime() - Date.parse(s.plantao.shiftEnd) < DAY && { optedOut: true }),
    noticeSent: false,
    pending: null,
    record: newRecord(s.chatId, chatNumber, s.department ?? shift.sectors[0] ?? '', s.contactName, isPartner(s)),
    reported: false,
  };
  return s.plantao;
}

/**
 * The contact wrote during the shift: whatever was counting down starts again; a clear "all
 * fine" or "solved" closes the chat (at once, or after a quiet while).
 */
export function contactInShift(t: ChatTurn, p: PlantaoChat, shift: Shift, fine: 'tudo-ok' | 'resolvido' | null, unsure = false, acknowledges = false): void {
  const { s, seed, now, ctx, out } = t;
  // An "all fine", or a bare acknowledgement ("👍👍" to "ficou certo?"), waits for no technician.
  // (an "ok" to the technician's "vou verificar" still waits for what was promised)
  if (p.record) contactWrote(p.record, now, fine !== null || (acknowledges && p.awaitingTechnician !== true));
  p.pings = 0;
  p.closeDueAt = null;
  if (p.externo || !fine) return armIdle(t, p);
  if (unsure && !p.askedToClose) {
    // Closing on a customer who still needs help is the costliest error: when unsure, ask once.
    p.askedToClose = true;
    p.closeAsked = true;
    const pendingUntil = p.pending ? ctx.calendar.describe(ctx.calendar.nextOpening(now)) : null;
    out.say(mayCloseQuestion(seed, addressee(s, t.now), recentlySaid(s), pendingUntil));
    // Asked whether it may close: silence is no "Tudo Ok" (the rules close on that alone), so the
    // chat stays open with its usual check-in; an answer to the question is read again ("pode",
    // "sim, tudo certo" closes; another unsure word after the question closes after a quiet while).
    p.okKind = fine;
    p.closeUnsure = true;
    p.pings = 1; // the question is the first of the check-ins left unanswered
    // …and, for a partner or another sector's customer (asked once per silence), this silence's only one: an outside tester's
    // partner got "ficou tudo resolvido? Posso encerrar…" and, 20 minutes later, "está tudo certo por aí?".
    if (isPartner(s) || s.department !== 'implantacao') {
      p.idleDueAt = null;
      return;
    }
    return armIdle(t, p);
  }
  // A partner unsure again after the question ("por enquanto resolvido, se der ruim eu volto aqui"): they will be
  // back, and the rules keep a partner's chat open for that (found by an outside tester: closed 2 minutes later
  // with "perfeito, resolvido então!").
  if (unsure && isPartner(s)) return armIdle(t, p);
  // A partner (or a solved problem outside implantation): the hours told and the chat closed after a
  // moment only (WhatsApp comes in bursts: "resolvido aqui" and, two seconds later, "ah pera, o pdv 2
  // ainda não sobe" had been closed on); an implantation customer who needs nothing else, or one unsure
  // again after the question: after a quiet while, with no "que bom que resolveu".
  p.closeDueAt = new Date(now.getTime() + (solvedClose(s, fine) && !unsure ? SOLVED_CLOSE_MINUTES : ctx.plantao.closeAfterMinutes) * MINUTE).toISOString();
  p.okKind = fine;
  p.closeUnsure = unsure;
  p.idleDueAt = null;
}

/** A solved problem's close (a partner's, or "resolvido" outside implantation): after a moment only, with the hours. */
function solvedClose(s: ChatTurn['s'], fine: 'tudo-ok' | 'resolvido'): boolean {
  return isPartner(s) || (fine === 'resolvido' && s.department !== 'implantacao');
}

/** The moment a solved problem's close waits for a second message (a burst) before it is said. */
export const SOLVED_CLOSE_MINUTES = 2;

/**
 * The contact wrote after the shift covering the chat had ended, the same day, with no shift nor
 * business hours now: told once when the next period begins (the message waits for the team).
 */
export function afterShift(t: ChatTurn): void {
  const { s, seed, now, out, ctx } = t;
  const p = s.plantao;
  if (!p || p.toldShiftOver || !plantaoEvening(t, now)) return;
  p.toldShiftOver = true;
  // A reseller's customer is sent to the reseller again, not promised the team's next period.
  if (sentToResellerAgain(t, seed)) return;
  const before = shiftAhead(t, now);
  out.say(before ? beforeShiftMessage(seed, addressee(s, now), ctx.calendar.describe(ctx.roster.startOf(before)), recentlySaid(s)) : afterShiftMessage(seed, addressee(s, t.now), hours(t, null), recentlySaid(s)));
  // The message waits for the next period: when that is a plantão shift, the chat enters it, waiting.
  const next = nextPeriodShift(t, s.department ?? undefined);
  if (next) p.carryAt = ctx.roster.startOf(next).toISOString();
}

/** The next period, when it is a plantão shift (of the sector, when given) that begins before the business opening. */
function nextPeriodShift(t: ChatTurn, sector: string | undefined): Shift | null {
  const { now, ctx } = t;
  const next = ctx.roster.nextShift(now, sector);
  return next && ctx.roster.startOf(next) < ctx.calendar.nextOpening(now) ? next : null;
}

/**
 * A first message on the plantão's evening, from a chat that was on no shift today ("o sistema caiu
 * e amanhã cedo abro a loja" at 19:00 on a Saturday): the chat belongs to the shift that ended, as if
 * it had written late in it, so it is told when the next period begins and taken into the next
 * shift. Nothing is added to that shift's QA record, which was already final.
 */
export function joinEvening(t: ChatTurn, department: string): void {
  const { now, ctx } = t;
  if (ctx.calendar.isBusinessTime(now) || plantaoEvening(t, now)) return;
  const ended = ctx.roster.endedOn(department, ctx.calendar.localDate(now), now);
  if (!ended) return joinEve(t, department);
  const p = enterShift(t, ended);
  delete p.record;
  p.reported = true;
  p.noticeSent = true;
}

/** How long before a plantão shift a message is that shift's (the night before it, from the evening on). */
const EVE_MS = 16 * 60 * 60 * 1000;

/**
 * A message the night before a plantão shift, with no shift that day (31/12 at 19:00 before the
 * holiday's, a Saturday's small hours before its shift): the next period is that shift, so the
 * chat belongs to it at once, waiting: told once when it begins, carried into it, and counted by
 * QA from its start (found by an outside tester: such messages were never picked up).
 */
function joinEve(t: ChatTurn, department: string): void {
  const next = nextPeriodShift(t, department);
  if (next && t.ctx.roster.startOf(next).getTime() - t.now.getTime() <= EVE_MS) enterShift(t, next);
}

/** The chat belongs to a plantão shift that has not begun yet (it wrote the night before). */
function shiftAhead(t: ChatTurn, at: Date): Shift | null {
  const { s, ctx } = t;
  const p = s.plantao;
  if (!p || ctx.calendar.isBusinessTime(at)) return null;
  const shift = ctx.roster.shifts.find((x) => x.id === p.shiftId);
  return shift && at < ctx.roster.startOf(shift) ? shift : null;
}

/**
 * Out of hours, the plantão's: the evening after a shift the chat was on (the same day), or the
 * night before the shift the chat was told would see its message.
 */
export function plantaoEvening(t: ChatTurn, at: Date): boolean {
  return shiftEndedToday(t, at) || shiftAhead(t, at) !== null;
}

/**
 * The chat was on a plantão shift that ended earlier the same day, and it is not business time:
 * the evening still belongs to the plantão (told when the next period begins, a thanks unanswered).
 */
function shiftEndedToday(t: ChatTurn, at: Date): boolean {
  const { s, ctx } = t;
  const p = s.plantao;
  if (!p || ctx.calendar.isBusinessTime(at)) return false;
  const end = new Date(p.shiftEnd);
  return at >= end && ctx.calendar.formatDate(at) === ctx.calendar.formatDate(end);
}

/** The chat's timer fired: the deadlines it was armed for that have passed, in order. */
export function onChatTimer(t: ChatTurn, ev: InternalEvent): void {
  const { s, now, ctx } = t;
  const p = s.plantao;
  if (!p || s.closed) return;
  const kind = parseTimerId(ev.name)?.step;
  const dueAt = str(ev.data.dueAt);
  const shift = ctx.roster.shifts.find((x) => x.id === p.shiftId) ?? null;
  if (kind === 'wake') {
    if (s.wakeAt !== dueAt) return; // moved or cancelled since: a stale wake-up
    s.wakeAt = null;
    const passed = (iso: string | null | undefined): iso is string => iso !== null && iso !== undefined && Date.parse(iso) <= now.getTime();
    if (passed(p.carryAt)) return carryIntoShift(t, p);
    if (passed(p.closeDueAt)) onCloseDue(t, p, shift, p.closeDueAt);
    // The end-of-shift notice before a check-in due at the same time: the notice says it all.
    if (!s.closed && !p.noticeSent && s.reseller !== 'checking' && passed(noticeDue(t, p))) onNoticeDue(t, p, shift);
    if (!s.closed && passed(p.idleDueAt)) onIdleDue(t, p, shift, p.idleDueAt);
    if (!s.closed && passed(waitAlertDue(t, p))) onWaitAlert(t, p, shift);
    if (!s.closed && !p.reported && passed(p.shiftEnd)) {
      // The contact left waiting goes on (or to pending work) first: QA's record says so (found by an outside tester: the
      // report said "0 pendências" while the supervisor got the chat as one).
      leftWaiting(t, p);
      endOfShift(t, p);
    }
    return;
  }
  // Timers armed one per deadline (before the wake-up timer): still honoured.
  if (kind === 'idle') return onIdleDue(t, p, shift, dueAt);
  if (kind === 'close') return onCloseDue(t, p, shift, dueAt);
  if (kind === 'notice' && str(ev.data.shiftId) === p.shiftId) return onNoticeDue(t, p, shift);
}

/**
 * The next shift begins with the message the contact left after the last one still unanswered
 * (they were told this period would see it): the chat enters the shift waiting for a technician,
 * as QA counts it, and gets the plantão's check-in if nobody answers.
 */
function carryIntoShift(t: ChatTurn, p: PlantaoChat): void {
  const { s, now, ctx } = t;
  p.carryAt = null;
  // Sent to their reseller meanwhile: nothing waits for the plantão.
  if (p.redirected) return;
  const shift = ctx.roster.activeShift(s.department ?? '', now);
  if (!shift) return;
  const next = enterShift(t, shift);
  // (the same shift when the chat joined it the night before: its end is still to be told)
  next.toldShiftOver = false;
  if (next.record) contactWrote(next.record, now, false);
  next.awaitingTechnician = true;
  // "há 30 minutos" would count from the shift's start: the contact has waited since they wrote (found by an outside tester).
  const since = next.record?.waitingSince;
  if (since && s.lastContactMessageAt && s.lastContactMessageAt < since) next.carriedWait = { wrote: s.lastContactMessageAt, since };
  armIdle(t, next);
}

/** Check-ins in a row an implantation customer may leave unanswered before the bot waits for them to write. */
export const MAX_UNANSWERED_CHECKINS = 3;

function onIdleDue(t: ChatTurn, p: PlantaoChat, shift: Shift | null, dueAt: string): void {
  const { s, seed, now, ctx, out } = t;
  if (p.idleDueAt !== dueAt || p.externo || p.pending || p.closeDueAt) return;
  // After the end-of-shift notice (the hours and the minutes left told), no more "tudo certo?".
  if (!shift || now >= ctx.roster.endOf(shift) || p.noticeSent) {
    p.idleDueAt = null;
    return;
  }
  p.pings += 1;
  if (p.record) p.record.checkins += 1;
  const waited = p.record?.waitingSince ? minutesBetween(p.record.waitingSince, now) : 0;
  const carried = carriedFrom(p);
  out.say(p.awaitingTechnician ? waitingPing(seed, addressee(s, t.now), recentlySaid(s), waited, carried ? ctx.calendar.describe(new Date(carried)) : null) : idlePing(seed, addressee(s, t.now), isPartner(s), recentlySaid(s)), 'checkin');
  // An implantation customer is asked again every while, all day (the seed: "envie mensagens… mantenha-o
  // em aberto"); a partner once per silence (the seed: "depois de 15 até 30 minutos da última
  // mensagem perguntamos"): the next check-in waits for the partner or a technician to write again.
  // The rules ask that special attention of implantation customers only: another sector's customer
  // is asked once per silence too (an outside tester counted 14 check-ins in a day to a quiet one).
  // …and an implantation customer who left three of them unanswered is no longer "active" (the rules keep
  // the chat open all day while they are): the next one waits for them to write (another tester counted
  // 16 check-ins rotating three texts in one quiet chat).
  if (isPartner(s) || s.department !== 'implantacao' || p.pings >= MAX_UNANSWERED_CHECKINS) p.idleDueAt = null;
  else armIdle(t, p, ctx.plantao.idleMinutes);
}

/** When the contact last wrote, for a wait carried in from an earlier period that still runs; null otherwise. */
function carriedFrom(p: PlantaoChat): string | null {
  return p.carriedWait && p.carriedWait.since === p.record?.waitingSince ? p.carriedWait.wrote : null;
}

/**
 * When the contact's wait for a technician reaches QA's limit (`QA_CUSTOMER_WAIT_MINUTES`, the "tempo
 * parado" QA counts), while the shift lasts: the shift's manager is told then, once per wait.
 */
function waitAlertDue(t: ChatTurn, p: PlantaoChat): string | null {
  const since = p.record?.waitingSince;
  // (a partner out on an external job, #externo, who asks and waits, waits all the same: found by an outside tester)
  if (!since || !p.awaitingTechnician || p.pending || p.redirected || p.reported || p.waitAlerted === since) return null;
  const due = new Date(Date.parse(since) + t.ctx.qa.customerWaitMinutes * MINUTE).toISOString();
  return due < p.shiftEnd ? due : null;
}

/**
 * Nobody answered the contact: the manager in charge of the shift (not on vacation), else the sector's
 * supervisor or manager who is not, hears of it in the bot chat while the shift can still answer (found
 * by an outside tester: a customer waited 8 hours and nobody heard of it before QA's report).
 */
function onWaitAlert(t: ChatTurn, p: PlantaoChat, shift: Shift | null): void {
  const { s, seed, now, ctx, out } = t;
  const since = p.record?.waitingSince;
  if (!since) return;
  p.waitAlerted = since;
  const sector = s.department ?? shift?.sectors[0] ?? '';
  const day = ctx.calendar.localDate(now);
  const onCall = shift?.manager ? ctx.roster.person(shift.manager) : null;
  const target = onCall && !ctx.roster.onVacation(onCall, day) ? onCall : ctx.roster.escalationTarget(sector, day);
  if (!target) {
    out.log('warn', 'a contact waits for a technician beyond the QA limit and nobody in the roster can be told', { chatId: s.chatId, sector });
    return;
  }
  const contact = p.record?.contactName ?? s.contactName;
  const carried = carriedFrom(p);
  out.push({
    type: 'karoo.proactive',
    to: { login: target.login },
    department: 'bot',
    text: waitAlert(seed, target.name, {
      sector: SECTOR_NAMES[sector] ?? sector,
      contact: contact ? truncate(contact, 60) : null,
      partner: isPartner(s),
      chatNumber: p.record?.chatNumber ?? null,
      // A wait carried in from an earlier period is told from the contact's message, as the contact is told (found by an outside tester).
      since: carried ? ctx.calendar.describe(new Date(carried)) : ctx.calendar.formatTime(new Date(since)),
      minutes: minutesBetween(carried ?? since, now),
    }),
  });
}

function onCloseDue(t: ChatTurn, p: PlantaoChat, shift: Shift | null, dueAt: string): void {
  const { s, seed, out } = t;
  if (p.closeDueAt !== dueAt) return;
  if (!p.closeUnsure && solvedClose(s, p.okKind ?? 'tudo-ok')) {
    out.say(solvedMessage(seed, addressee(s, t.now), hours(t, shift), recentlySaid(s)), 'closing');
    out.push({ type: 'karoo.closeChat', chatId: s.chatId, reason: CLOSE_REASON.solved });
    closeRecord(t, p.okKind ?? 'resolvido', new Date(dueAt));
    closeDown(s);
    return;
  }
  out.say(closingMessage(seed, addressee(s, t.now), hours(t, shift), recentlySaid(s)), 'closing');
  out.push({ type: 'karoo.closeChat', chatId: s.chatId, reason: CLOSE_REASON.quietAfterOk });
  // Closed on silence after "posso encerrar?": no clear word that a pending problem is gone.
  closeRecord(t, p.okKind ?? 'tudo-ok', new Date(dueAt), !p.closeUnsure);
  closeDown(s);
}

function onNoticeDue(t: ChatTurn, p: PlantaoChat, shift: Shift | null): void {
  const { s, seed, now, ctx, out } = t;
  if (p.noticeSent || p.redirected || p.optedOut) return;
  // The shift gone from the roster, or over: a late notice would only confuse (and is due no more).
  const end = shift ? ctx.roster.endOf(shift) : null;
  p.noticeSent = true;
  if (!end || now >= end) return;
  if (p.record) {
    p.record.notice = true;
    p.record.hoursTold = true;
  }
  const left = Math.max(1, Math.round((end.getTime() - now.getTime()) / MINUTE));
  out.say(endOfShiftNotice(seed, addressee(s, t.now), hours(t, shift), left, recentlySaid(s)), 'notice');
}

/**
 * A message of the bot could not be sent into the chat (WhatsApp's 24-hour window had closed, and
 * a chat message has no template): the QA record says which, and the chat adapts: no more idle
 * check-ins nobody would receive; a notice or a closing not sent told nobody the hours.
 */
export function notSent(t: ChatTurn, ev: InternalEvent): void {
  const { s, out } = t;
  const o = outcomeOf(ev, 'chat.said');
  if (o.ok) return;
  const purpose = str(o.context.purpose, 'reply');
  const p = s.plantao;
  out.log('info', 'a message of the bot was not sent into the chat', { chatId: s.chatId, purpose, code: o.code });
  if (purpose === 'checkin' && p) p.idleDueAt = null;
  const r = p?.record;
  if (!p || !r || p.reported) return;
  r.notSent = [...(r.notSent ?? []), purpose];
  if (purpose === 'checkin') r.checkins = Math.max(0, r.checkins - 1);
  if (purpose === 'notice') r.notice = false;
  if (purpose === 'notice' || purpose === 'closing') r.hoursTold = false;
}

/** When the end-of-shift notice is due: `PLANTAO_NOTICE_MINUTES` before the shift ends. */
function noticeDue(t: ChatTurn, p: PlantaoChat): string {
  return new Date(Date.parse(p.shiftEnd) - t.ctx.plantao.noticeMinutes * MINUTE).toISOString();
}

/** The earliest deadline the chat is waiting for, or null when it waits for nothing. */
export function nextWake(t: ChatTurn): string | null {
  const { s } = t;
  const p = s.plantao;
  if (!p || s.closed) return null;
  // The notice waits for the reseller lookup: a reseller's customer gets the reseller, not "ainda temos 30 minutos".
  // …and once the shift is over it is due no more (a chat closed before it, written to in the evening).
  const over = t.now.getTime() >= Date.parse(p.shiftEnd);
  const notice = p.noticeSent || p.redirected || p.optedOut || s.reseller === 'checking' || over ? null : noticeDue(t, p);
  const candidates = [p.idleDueAt, p.closeDueAt, notice, p.reported || !p.record ? null : p.shiftEnd, p.carryAt ?? null, waitAlertDue(t, p)].filter((x): x is string => x !== null);
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** The record goes to QA's stream (`ops:qa`), with the shift it belongs to. */
function sendRecord(t: ChatTurn, p: PlantaoChat): void {
  if (!p.record) return;
  t.out.push({ type: 'forward', stream: QA_STREAM, name: 'qa.chat', data: { shift: { id: p.shiftId, end: p.shiftEnd }, record: p.record } });
}

/**
 * The chat closed as solved on a later shift than the one that left it pending: the pending work
 * not yet handed to the sector's manager is withdrawn when the customer's "all fine" spoke of it
 * (nobody needs to be assigned to it any more); a bare "tudo certo, pode fechar", perhaps about
 * another question, leaves it to the manager with a note that the customer said all was fine (on
 * the same shift too: "deu certo, não preciso de mais nada" five minutes after the #pendente).
 */
function withdrawPending(t: ChatTurn, at: Date): void {
  const { s, out } = t;
  const about = s.plantao?.okSpeaksOfPending === true;
  if (!s.pendingShiftId) return;
  out.push({ type: 'forward', stream: 'ops:pending', name: 'pending.resolved', data: { chatId: s.chatId, shiftId: s.pendingShiftId, at: at.toISOString(), about } });
  // …and the implanter, not yet told, is not told of a problem the customer said was solved.
  if (about) tellMonitoringOwner(t, s.pendingReason ?? '', at.toISOString(), false, true);
  s.pendingShiftId = null;
  s.pendingReason = null;
  // Closed as solved, nothing is pending in this chat any more: a new problem later is no "o que ficou pendente segue…".
  if (s.plantao) s.plantao.pending = null;
}

/** The chat closed during its shift: how, in the record, which goes to QA. */
export function closeRecord(t: ChatTurn, how: NonNullable<ChatRecord['closed']>, at: Date, clear = true): void {
  if (clear && (how === 'tudo-ok' || how === 'resolvido')) withdrawPending(t, at);
  const p = t.s.plantao;
  if (!p?.record || p.reported || at.getTime() >= Date.parse(p.shiftEnd)) return;
  closedAs(p.record, how, at);
  sendRecord(t, p);
}

/** The shift is over with the chat still open: the record, final now, goes to QA. */
function endOfShift(t: ChatTurn, p: PlantaoChat): void {
  if (!p.record) return;
  shiftEnded(p.record, new Date(p.shiftEnd));
  p.reported = true;
  sendRecord(t, p);
}

/**
 * The shift ended with the contact still waiting for a technician (a message at 17:55, told only that
 * the plantão ends at 18:00): the next plantão shift before the business opening takes the chat, as it
 * takes a message written after the end; with none, the sector's supervisor gets it as pending work
 * (the rules: what is left pending goes to them). Found by an outside tester: such a chat was dropped.
 */
function leftWaiting(t: ChatTurn, p: PlantaoChat): void {
  const { s, ctx } = t;
  // A partner on an external job (#externo) who came back with a question nobody answered is left waiting too (found by an
  // outside tester: neither carried into Sunday's shift nor in Monday's pending list).
  if (s.closed || !p.awaitingTechnician || p.pending || p.redirected || p.optedOut) return;
  const next = nextPeriodShift(t, s.department ?? undefined);
  if (next) {
    p.carryAt = ctx.roster.startOf(next).toISOString();
    return;
  }
  const wrote = s.lastContactMessageAt ? ` (a última mensagem, ${ctx.calendar.describe(new Date(s.lastContactMessageAt))})` : '';
  const reason = `${isPartner(s) ? 'o parceiro' : 'o cliente'} ficou sem resposta de um técnico até o fim do plantão${wrote}`;
  if (p.record && !p.reported) {
    p.record.pending = reason;
    p.record.pendingByBot = true;
  }
  leavePending(t, p, { reason, by: PENDING_BY_BOT, chatNumber: p.record?.chatNumber ?? null, sector: s.department ?? '', at: p.shiftEnd });
  tellMonitoringOwner(t, reason, p.shiftEnd, true);
  // The contact is not left to wonder (found by an outside tester: nothing was said after the end-of-shift notice).
  t.out.say(leftPendingMessage(t.seed, addressee(s, t.now), hours(t, null).next, recentlySaid(s)));
}

/**
 * The chat left for the next business day (a technician's `#pendente`, or a contact still waiting when
 * the last shift ends): no more "tudo certo?" check-ins on a problem that waits for it, and the item
 * goes to the shift's pending work (`ops:pending`), handed to a manager at the next opening.
 */
export function leavePending(t: ChatTurn, p: PlantaoChat | null, item: { reason: string; by: string; chatNumber: number | null | undefined; sector: string | null | undefined; at: string }): void {
  const { s, now, out } = t;
  if (p) {
    p.pending = item.reason;
    p.idleDueAt = null;
  }
  s.pendingShiftId = p?.shiftId ?? 'sem-plantao';
  s.pendingReason = item.reason;
  out.push({
    type: 'forward',
    stream: 'ops:pending',
    name: 'pending.add',
    data: {
      chatId: s.chatId,
      chatNumber: item.chatNumber,
      sector: item.sector,
      reason: item.reason,
      by: item.by,
      contactName: s.contactName,
      shiftId: p?.shiftId ?? 'sem-plantao',
      shiftEnd: p ? p.shiftEnd : now.toISOString(),
      at: item.at,
    },
  });
}

/**
 * A monitored customer's problem the plantão left for the next business day (`unanswered`: by the bot at the shift's
 * end, nobody having answered; else a technician's `#pendente` in the shift): the implanter who owns the customer's
 * monitoring hears of it at the opening, not days later at the week's check-in (found by an outside tester:
 * a Saturday problem nobody answered reached the supervisor as pending work, and the implanter not at all).
 */
export function tellMonitoringOwner(t: ChatTurn, reason: string, at: string, unanswered: boolean, resolved = false): void {
  const { s, out } = t;
  if (isPartner(s) || s.contactKind !== 'customer') return;
  const link = liveLink(s);
  const news = {
    monitoringId: link?.monitoringId ?? '',
    customerCode: s.customerCode ?? '',
    chatId: s.chatId,
    reason,
    at,
    ...(unanswered ? { unanswered: true as const } : {}),
    ...(resolved ? { resolved: true as const } : {}),
  };
  if (link) out.tell(link.agentStream, 'customer.pending', news);
  else if (s.customerCode) out.tellCustomerOwner(s.customerCode, 'customer.pending', news);
}

/** Who left a chat pending when no technician had: as the supervisor reads it ("marcado por …"). */
const PENDING_BY_BOT = 'karoo-bot, no fim do plantão';

/** The silence count starts again: the next check-in after the idle minutes (a partner's own). */
export function armIdle(t: ChatTurn, p: PlantaoChat, minutes?: number): void {
  const { s, now, ctx } = t;
  // Followed by the technicians (#externo), left for the next business day (#pendente), or a reseller's
  // customer sent to the reseller, or a contact who asked for no more messages: no check-ins.
  if (p.externo || p.pending || p.redirected || p.optedOut) {
    p.idleDueAt = null;
    return;
  }
  const wait = minutes ?? (isPartner(s) ? ctx.plantao.partnerIdleMinutes : ctx.plantao.idleMinutes);
  p.idleDueAt = new Date(now.getTime() + wait * MINUTE).toISOString();
}

export function closeDown(s: ChatState): void {
  s.closed = true;
  if (s.plantao) {
    s.plantao.idleDueAt = null;
    s.plantao.closeDueAt = null;
  }
}

/** Today's closing time and the start of the next working period (roster shift or business day). */
function hours(t: ChatTurn, shift: Shift | null): Hours {
  const { s, ctx } = t;
  const end = shift ? ctx.roster.endOf(shift) : new Date(s.plantao?.shiftEnd ?? Date.parse(s.lastActivityAt ?? '1970-01-01'));
  const opening = ctx.calendar.nextOpening(end);
  const nextShift = ctx.roster.nextShiftStart(end, s.department ?? undefined);
  const next = nextShift && nextShift < opening ? nextShift : opening;
  return { ...hoursOf(ctx.calendar, end, next), ...(t.now >= end ? { over: true } : {}) };
}
