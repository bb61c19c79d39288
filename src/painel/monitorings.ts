import { csv } from './csv.js';
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { AgentState } from '../flows/agent-state.js';
import { WEEK_ORDINAL, type Monitoring, type WeekNo } from '../flows/monitoring/model.js';

/**
 * The supervisors' view of the monitorings (issue 14, "Monitoramentos"): every open 2266 read
 * from the agents' states, with its state as a supervisor names it. Pure: the page and the CSV
 * are built from these rows.
 */

export type RowState = 'no prazo' | 'atrasado' | 'com o vendedor' | 'sem vendedor' | 'aguardando a supervisão';
export const ROW_STATES: readonly RowState[] = ['atrasado', 'no prazo', 'com o vendedor', 'sem vendedor', 'aguardando a supervisão'];

export interface MonitoringRow {
  customer: string;
  customerCode: string;
  implanter: string;
  implanterLogin: string;
  week: WeekNo;
  /** The next contact, as people read it ("segunda-feira, 30/11 às 08:00"); null with the salesperson or once handed over. */
  nextContact: string | null;
  nextContactAt: string | null;
  state: RowState;
  /** Why a late one is late, or what the monitoring waits for. */
  detail: string;
  /** The last follow-up to the customer on WhatsApp: enviado, entregue, lido, respondido, falhou (with why); null: none sent yet. */
  followUp: string | null;
  protocols: string[];
}

/** The last follow-up's delivery, as a supervisor reads it. */
function followUpOf(m: Monitoring): string | null {
  const f = m.followUp;
  if (!f) return null;
  const week = `${WEEK_ORDINAL[f.week]} semana`;
  const form = f.form === 'template' ? ', modelo' : '';
  // The customer answered it (in its chat, after it went out): read, whatever status Karoo sent, or none.
  const reply = m.customerReply;
  if (m.optOut && m.optOutAt && m.optOutAt >= f.at) return `respondido pelo cliente (pediu para não receber mais mensagens), ${week}${form}`;
  if (f.answeredAt || (reply && reply.kind !== 'none' && reply.at >= f.at)) return `respondido pelo cliente, ${week}${form}`;
  if (f.state === 'failed') return `falhou (${FAILURES[f.error ?? ''] ?? 'recusada'}), ${week}`;
  return `${f.state === 'read' ? 'lido' : f.state === 'delivered' ? 'entregue' : 'enviado'}, ${week}${form}`;
}

const FAILURES: Record<string, string> = {
  not_on_whatsapp: 'número sem WhatsApp',
  blocked: 'bloqueado pelo cliente',
  outside_window: 'fora da janela de 24 h',
  template_not_approved: 'modelo não aprovado',
  undeliverable: 'não entregue',
};

/**
 * When a week's record is due: the end of the business day after the customer's window closed. The
 * follow-up goes on the due date, the customer has until an hour before the next business day's
 * close to answer, and the implanter, asked then, has the rest of that day and the business day
 * after it (a record made seconds after the check-in was counted late when the deadline was the
 * window's own end).
 */
export function weekDeadline(dueAt: Date, calendar: BusinessCalendar): Date {
  return calendar.endOfNextBusinessDay(calendar.endOfNextBusinessDay(dueAt));
}

/** A week is late when its contact is not recorded by its deadline (`weekDeadline`). */
function stateOf(m: Monitoring, now: Date, calendar: BusinessCalendar): { state: RowState; detail: string } {
  if (m.phase === 'done') return { state: 'aguardando a supervisão', detail: 'as 3 semanas registradas; 2266 delegado à supervisão para encerrar' };
  if (m.phase === 'seller_wait') {
    // A customer with no salesperson in Bimer: the 2266 stayed with the implanter (as the indicators count it), not "com o vendedor".
    return m.seller
      ? { state: 'com o vendedor', detail: 'sem contato na 1ª semana; aguardando o retorno do vendedor' }
      : { state: 'sem vendedor', detail: 'sem contato na 1ª semana; cliente sem vendedor no Bimer, o 2266 segue com o implantador, aguardando o retorno pela supervisão' };
  }
  const due = new Date(m.dueAt);
  const deadline = weekDeadline(due, calendar);
  const waiting = m.phase === 'scheduled' ? 'contato agendado' : m.phase === 'customer_wait' ? 'aguardando a resposta do cliente' : m.phase === 'agent_checkin' ? 'aguardando o registro do implantador' : 'registrando no Bimer';
  if (now.getTime() > deadline.getTime()) return { state: 'atrasado', detail: `${WEEK_ORDINAL[m.week]} semana vencida em ${calendar.formatDate(due)}; ${waiting}` };
  return { state: 'no prazo', detail: waiting };
}

function protocols(m: Monitoring): string[] {
  const list = [`2266 ${m.ticket.protocolo}`];
  if (m.rsp) list.push(`RSP ${m.rsp.protocolo}`);
  for (const w of [1, 2, 3] as WeekNo[]) {
    const r = m.weeks[w];
    if (r?.protocolo) list.push(`${r.code ?? ''} ${r.protocolo}`.trim());
  }
  if (m.openDemand && !list.some((p) => p.endsWith(m.openDemand?.protocolo ?? ''))) list.push(`${m.openDemand.code} ${m.openDemand.protocolo}`);
  return list;
}

/** Every monitoring of these agents, late ones first, then by next contact. */
export function monitoringRows(states: readonly AgentState[], now: Date, calendar: BusinessCalendar): MonitoringRow[] {
  const rows = states.flatMap((s) =>
    Object.values(s.monitorings).map((m): MonitoringRow => {
      const { state, detail } = stateOf(m, now, calendar);
      const next = m.phase === 'done' || m.phase === 'seller_wait' ? null : new Date(m.dueAt);
      return {
        customer: m.customer.name,
        customerCode: m.customer.code,
        implanter: m.agent.name,
        implanterLogin: s.login,
        week: m.week,
        nextContact: next ? calendar.describe(next) : null,
        nextContactAt: next ? next.toISOString() : null,
        state,
        detail,
        followUp: followUpOf(m),
        protocols: protocols(m),
      };
    }),
  );
  const rank = (r: MonitoringRow) => ROW_STATES.indexOf(r.state);
  return rows.sort((a, b) => rank(a) - rank(b) || (a.nextContactAt ?? '~').localeCompare(b.nextContactAt ?? '~') || a.customer.localeCompare(b.customer));
}

export interface RowFilter {
  agent?: string | undefined;
  state?: string | undefined;
}

export function filterRows(rows: readonly MonitoringRow[], filter: RowFilter): MonitoringRow[] {
  return rows.filter((r) => (!filter.agent || r.implanterLogin === filter.agent) && (!filter.state || r.state === filter.state));
}

/** The rows as the page shows them, as CSV (`;`-separated, as spreadsheets in Brazil read it). */
export function rowsCsv(rows: readonly MonitoringRow[]): string {
  const header = ['Cliente', 'Código', 'Implantador', 'Login', 'Semana', 'Próximo contato', 'Estado', 'Detalhe', 'Último acompanhamento', 'Protocolos'];
  return csv(
    header,
    rows.map((r) => [r.customer, r.customerCode, r.implanter, r.implanterLogin, r.week, r.nextContact, r.state, r.detail, r.followUp, r.protocols.join(', ')]),
  );
}
