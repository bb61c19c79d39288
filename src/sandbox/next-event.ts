import type { AdjustableClock } from '../clock.js';
import { SECTOR_NAMES } from '../flows/plantao/qa-report.js';
import { parseTimerId } from '../flows/timer-ids.js';
import type { Queue } from 'bullmq';
import type { Timers } from '../scheduler/timers.js';

/**
 * The simulator's "Próximo evento": the clock jumps to the earliest timer the bot has armed (a
 * BullMQ delayed job of the timers queue: a week's follow-up, a chat's wake-up, the plantão's
 * pending work, the QA report …) and fires what is then due, as every other clock move does.
 */

export interface NextEvent {
  /** The instant jumped to. */
  at: Date;
  /** What fires there, for people (Portuguese), one per timer. */
  labels: string[];
  /** Timers fired by the jump. */
  fired: number;
}

/** How many timers a jump names before "e mais N". */
const NAMED = 3;

/** What a timer is for, in the simulator's words. `chatName` names a chat the page shows. */
export function timerLabel(timerId: string, chatName: (chatId: string) => string | null): string {
  const timer = parseTimerId(timerId);
  if (!timer) return 'evento agendado do bot';
  switch (timer.kind) {
    case 'mon': {
      const code = timer.monitoringId.split('-')[0] ?? timer.monitoringId;
      const week = `${timer.week}ª semana`;
      if (timer.step === 'due') return `acompanhamento semanal do cliente ${code} (${week})`;
      if (timer.step === 'window') return `fim do prazo de resposta do cliente ${code} (${week})`;
      if (timer.step === 'remind') return `lembrete ao agente sobre o contato da ${week} do cliente ${code}`;
      return `lembrete ao agente sobre o retorno do vendedor (cliente ${code})`;
    }
    case 'chat': {
      const name = chatName(timer.chatId);
      // The chat's one wake-up: an idle check-in, the close after "tudo ok", or the end-of-shift notice.
      return `verificação do chat de plantão${name ? ` (${name})` : ''}`;
    }
    case 'pending':
      return timer.step === 'end'
        ? 'fim do plantão: as pendências marcadas vão para a supervisão'
        : `entrega das pendências do plantão à supervisão de ${SECTOR_NAMES[timer.sector] ?? timer.sector}`;
    case 'qa':
      return 'relatório do plantão para a qualidade';
  }
}

/** "Avançou até segunda-feira, 30/11 às 08:00 — acompanhamento semanal …", or that nothing is armed. */
export function describeJump(next: NextEvent | null, describe: (at: Date) => string): string {
  if (!next) return 'Nenhum evento agendado.';
  const named = next.labels.slice(0, NAMED).join('; ');
  const more = next.labels.length > NAMED ? `; e mais ${next.labels.length - NAMED}` : '';
  return `Avançou até ${describe(next.at)} — ${named}${more}`;
}

/**
 * Moves the clock to the earliest armed timer (never backwards: one already due fires where the
 * clock stands) and fires every timer due then. Null when the bot has no timer armed.
 */
export async function jumpToNextTimer(timers: Timers, clock: AdjustableClock, chatName: (chatId: string) => string | null): Promise<NextEvent | null> {
  const delayed = (await timers.queue.getDelayed()).filter((j) => Number.isFinite(j.data?.d));
  if (delayed.length === 0) return null;
  const due = Math.min(...delayed.map((j) => j.data.d));
  const labels = [...new Set(delayed.filter((j) => j.data.d === due).map((j) => timerLabel(j.data.t, chatName)))];
  clock.moveTo(new Date(due));
  const fired = await timers.fireDue();
  return { at: clock.now(), labels, fired };
}

/** What the simulator waits on between two timers: the bot's queues. */
export interface QueuesToSettle {
  events: { queues: Queue[] };
  outbound: { queues: Queue[] };
  bimer: { queue: Queue };
  timers: Timers;
}

/**
 * Waits until the bot has nothing waiting or running (retries after an outage aside: at most
 * `timeoutMs`), so that what a fired timer arms is armed before the clock moves on.
 */
export async function settle(q: QueuesToSettle, timeoutMs = 5_000): Promise<void> {
  const queues = [...q.events.queues, ...q.outbound.queues, q.bimer.queue, q.timers.queue];
  const deadline = performance.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2 && performance.now() < deadline) {
    const counts = await Promise.all(queues.map((x) => x.getJobCounts('wait', 'active', 'prioritized')));
    quiet = counts.some((c) => (c.wait ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0) > 0) ? 0 : quiet + 1;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * "+30 min", "+1 dia": the clock moves through every timer due on the way, each fired at its own
 * instant and its work done before the next (an end-of-shift notice at 17:30 is sent at 17:30,
 * with "30 minutos", not at the end of the jump, when the shift is over), then to `target`.
 * At most `maxSteps` instants on the way. Returns the timers fired.
 */
export async function advanceThrough(q: QueuesToSettle, clock: AdjustableClock, target: Date, maxSteps = 500): Promise<number> {
  // What was set going before the button (a Bimer lookup a chat waits for) finishes at the time it began.
  await settle(q);
  let fired = 0;
  for (let i = 0; i < maxSteps; i++) {
    const due = (await q.timers.queue.getDelayed()).map((j) => Number(j.data?.d)).filter((d) => Number.isFinite(d) && d <= target.getTime());
    if (due.length === 0) break;
    const next = Math.min(...due);
    if (next > clock.now().getTime()) clock.moveTo(new Date(next));
    fired += await q.timers.fireDue();
    await settle(q);
  }
  if (target.getTime() > clock.now().getTime()) clock.moveTo(target);
  fired += await q.timers.fireDue();
  return fired;
}
