import { inParens, str, toName } from '../phrases.js';
import type { Effect, FlowResult } from '../../domain/effects.js';
import type { FlowContext } from '../context.js';
import type { InternalEvent, StreamItem, StreamKey } from '../../domain/stream.js';
import { parseTimerId, timerIds } from '../timer-ids.js';
import { QA_STREAM } from './qa-flow.js';
import { SECTOR_NAMES } from './qa-report.js';
import { MINUTE_MS } from '../../domain/durations.js';

/**
 * `ops:pending`: what technicians marked as pending during a shift ("#pendente <motivo>").
 * At the end of the shift it becomes one summary per sector, delivered at the start of the
 * next business day to the sector's supervisor or manager who is not on vacation; when nobody
 * is available, the on-call manager and the ops log are told. Pure.
 */

export interface PendingItem {
  chatId: string;
  chatNumber: number | null;
  sector: string;
  reason: string;
  by: string;
  contactName: string | null;
  shiftId: string;
  at: string;
  /** When the customer said, on a later shift, that all was fine without speaking of this matter. */
  laterOkAt?: string | null;
}

export interface OpsState {
  kind: 'ops';
  version: number;
  stream: StreamKey;
  items: PendingItem[];
}

export function initialOpsState(stream: StreamKey): OpsState {
  return { kind: 'ops', version: 0, stream, items: [] };
}

export function pendingFlow(state: OpsState, item: StreamItem, now: Date, ctx: FlowContext): FlowResult<OpsState> {
  const s: OpsState = structuredClone(state);
  s.version += 1;
  const effects: Effect[] = [];
  if (item.kind !== 'internal') return { state: s, effects };
  const ev = item.event;
  if (ev.type === 'forward' && ev.name === 'pending.add') add(s, ev, now, effects);
  else if (ev.type === 'forward' && ev.name === 'pending.resolved') resolved(s, ev, effects);
  else if (ev.type === 'timer') onTimer(s, ev, now, ctx, effects);
  return { state: s, effects };
}

function add(s: OpsState, ev: InternalEvent, now: Date, effects: Effect[]): void {
  const d = ev.data;
  const chatId = str(d.chatId);
  const shiftId = str(d.shiftId);
  s.items = s.items.filter((i) => !(i.chatId === chatId && i.shiftId === shiftId)); // the latest reason wins
  s.items.push({
    chatId,
    chatNumber: typeof d.chatNumber === 'number' ? d.chatNumber : null,
    sector: str(d.sector),
    reason: str(d.reason),
    by: str(d.by),
    contactName: str(d.contactName) || null,
    shiftId,
    at: str(d.at, now.toISOString()),
  });
  const end = Date.parse(str(d.shiftEnd)) || now.getTime();
  const due = new Date(Math.max(end, now.getTime()));
  effects.push({ type: 'timer.set', stream: s.stream, timerId: timerIds.pendingEnd(shiftId), dueAt: due.toISOString(), data: { shiftId } });
}

/**
 * The customer confirmed on a later shift that all is well. Speaking of the pending matter ("mandei
 * o xml e a nota saiu"), that chat's pending work is withdrawn, and QA's record says so; a bare
 * "tudo certo" keeps it for the manager, noted (a technician on another question may have heard it).
 */
function resolved(s: OpsState, ev: InternalEvent, effects: Effect[]): void {
  const chatId = str(ev.data.chatId);
  const shiftId = str(ev.data.shiftId);
  const item = s.items.find((i) => i.chatId === chatId && i.shiftId === shiftId);
  if (!item) return;
  if (ev.data.about === false) {
    item.laterOkAt = str(ev.data.at) || null;
    return;
  }
  s.items = s.items.filter((i) => i !== item);
  effects.push({ type: 'forward', stream: QA_STREAM, name: 'qa.pending', data: { shiftId, chatIds: [chatId], to: null, withdrawn: str(ev.data.at) } });
}

function onTimer(s: OpsState, ev: InternalEvent, now: Date, ctx: FlowContext, effects: Effect[]): void {
  const timer = parseTimerId(ev.name);
  if (timer?.kind !== 'pending') return;
  const { shiftId, step: kind } = timer;
  const sector = timer.step === 'deliver' ? timer.sector : undefined;
  if (kind === 'end') {
    // Schedule one delivery per sector at the next business opening (less the lead time).
    const sectors = [...new Set(s.items.filter((i) => i.shiftId === shiftId).map((i) => i.sector))];
    const at = new Date(ctx.calendar.nextOpening(now).getTime() - ctx.plantao.escalationLeadMinutes * MINUTE_MS);
    for (const sec of sectors) {
      effects.push({ type: 'timer.set', stream: s.stream, timerId: timerIds.pendingDeliver(shiftId, sec), dueAt: at.toISOString(), data: { shiftId, sector: sec } });
    }
    return;
  }
  if (kind !== 'deliver' || !sector) return;
  const items = s.items.filter((i) => i.shiftId === shiftId && i.sector === sector);
  if (items.length === 0) return;
  s.items = s.items.filter((i) => !(i.shiftId === shiftId && i.sector === sector));
  const day = ctx.calendar.localDate(now);
  const target = ctx.roster.escalationTarget(sector, day);
  const laterOk = (i: PendingItem) =>
    i.laterOkAt ? ` (o chat foi encerrado ${ctx.calendar.describe(new Date(i.laterOkAt))}, depois de o cliente dizer que estava tudo certo, sem falar desta pendência: confirme com ele antes de designar)` : '';
  const list = items.map((i) => `• Chat ${i.chatNumber ?? i.chatId}${inParens(i.contactName)}: ${i.reason} — marcado por ${i.by}${laterOk(i)}`).join('\n');
  const sectorName = SECTOR_NAMES[sector] ?? sector;
  // QA's page and report say who received each item (null: nobody could).
  const handedTo = (to: { login: string; name: string } | null): Effect => ({ type: 'forward', stream: QA_STREAM, name: 'qa.pending', data: { shiftId, chatIds: items.map((i) => i.chatId), to } });
  if (target) {
    effects.push(handedTo({ login: target.login, name: target.name }));
    effects.push({
      type: 'karoo.proactive',
      to: { login: target.login },
      department: 'bot',
      text: `Bom dia${toName(target.name)}! Ficaram pendências do plantão de ${sectorName} (${items.length}) para designar um técnico hoje:\n${list}`,
    });
    effects.push({ type: 'log', level: 'info', message: 'plantão pending work delivered', data: { sector, to: target.login, items: items.length } });
    return;
  }
  const shift = ctx.roster.shifts.find((x) => x.id === shiftId);
  const manager = shift?.manager;
  effects.push({
    type: 'log',
    level: 'error',
    message: 'no supervisor or manager available (all on vacation or none in the roster) for the plantão pending work',
    data: { sector, items: items.length, onCallManager: manager ?? null },
  });
  effects.push(handedTo(manager ? { login: manager, name: ctx.roster.person(manager)?.name ?? manager } : null));
  if (manager) {
    effects.push({
      type: 'karoo.proactive',
      to: { login: manager },
      department: 'bot',
      text: `Atenção: não há supervisor nem gerente de ${sectorName} disponível (férias ou fora da escala) para receber as pendências do plantão. Pendências (${items.length}):\n${list}`,
    });
  }
}
