import type { KarooEvent } from '../../domain/karoo-event.js';
import { PENDING_NO_REASON, PENDING_TECHNICIAN } from '../plantao/messages.js';
import { technicianWrote } from '../plantao/record.js';
import { askHardwareTickets } from './hardware.js';
import { armIdle, enterShift } from './shift.js';
import type { ChatTurn, PlantaoChat } from './state.js';

/**
 * A technician (a Karoo agent) writes in a customer's or partner's chat: the hardware hint the
 * customer's problem was waiting for goes to them; during a shift the line goes into the QA record;
 * `#externo` takes the chat out of the bot's check-ins; `#pendente <motivo>` hands the chat to the
 * pending work of the shift (`ops:pending`); any other line restarts the silence count, so the bot
 * never talks over a person. Pure.
 */
export function technicianInChat(t: ChatTurn, event: KarooEvent, text: string): void {
  const { s, now, ctx } = t;
  askHardwareTickets(t, event.chat.agent);
  const shift = ctx.roster.activeShift(event.chat.department, now);
  const p = shift ? enterShift(t, shift, event.chat.number ?? null) : s.plantao;
  const command = /^\s*[#/](externo|pendente)\b/i.exec(text)?.[1]?.toLowerCase();
  if (shift && p?.record && event.chat.agent?.login && !command) {
    technicianWrote(p.record, { login: event.chat.agent.login, name: event.chat.agent.name }, text, now, ctx.nlu.technician(text));
  }
  if (command === 'externo') return externo(p);
  if (command === 'pendente') return pending(t, event, text, p, shift !== null);
  // The technician is talking: the bot does not talk over them, the silence count restarts.
  if (p && !p.externo && !p.closeDueAt) {
    p.pings = 0;
    armIdle(t, p);
  }
}

/** `#externo`: a chat the technicians follow outside the bot's rules (no check-ins, no close). */
function externo(p: PlantaoChat | null): void {
  if (!p) return;
  p.externo = true;
  p.idleDueAt = null;
  p.closeDueAt = null;
}

/** `#pendente <motivo>`: the chat goes to the shift's pending work, handed to a manager at the next opening. */
function pending(t: ChatTurn, event: KarooEvent, text: string, p: PlantaoChat | null, inShift: boolean): void {
  const { s, now, out } = t;
  const reason = /^\s*[#/]pendente\b\s*[:\-–]?\s*(.*)$/is.exec(text)?.[1]?.trim() || PENDING_NO_REASON;
  if (p) {
    // Left for the next business day: no more "tudo certo?" check-ins on a problem that waits for it.
    p.pending = reason;
    p.idleDueAt = null;
  }
  if (p?.record && inShift) p.record.pending = reason;
  out.push({
    type: 'forward',
    stream: 'ops:pending',
    name: 'pending.add',
    data: {
      chatId: s.chatId,
      chatNumber: event.chat.number,
      sector: event.chat.department,
      reason,
      by: event.chat.agent?.name ?? event.chat.agent?.login ?? PENDING_TECHNICIAN,
      contactName: s.contactName,
      shiftId: p?.shiftId ?? 'sem-plantao',
      shiftEnd: p ? p.shiftEnd : now.toISOString(),
      at: now.toISOString(),
    },
  });
}
