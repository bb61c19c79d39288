import type { BusinessCalendar } from '../../calendar/business-calendar.js';
import type { Roster } from '../../roster/roster.js';
import { pick, toName } from '../phrases.js';
import type { QaSettings } from '../../domain/settings.js';
import type { ChatRecord } from './record.js';
import { MINUTE_MS } from '../../domain/durations.js';

/**
 * The plantão's figures per shift and technician, and the QA flags, from the chats' records
 * (record.ts): what the supervisors' page shows and what the Monday QA report says. Pure.
 */

/** One shift as the `ops:qa` stream keeps it. */
export interface ShiftLog {
  shiftId: string;
  start: string;
  end: string;
  sectors: string[];
  manager: string | null;
  /** The local date of the first business opening after the shift: the day its QA report goes out. */
  reportDay: string;
  chats: Record<string, ChatRecord>;
  /** Pending work handed over at the opening: chat id → who received it (null: nobody could). */
  delivered: Record<string, { login: string; name: string } | null>;
  /** Pending work withdrawn before the opening (the customer said, on a later shift, it was solved): chat id → when. */
  withdrawn?: Record<string, string>;
  reportedAt: string | null;
}

export interface TechnicianRow {
  shiftId: string;
  /** "sábado, 21/11, 08:00–18:00" */
  shift: string;
  technician: string;
  login: string | null;
  chats: number;
  /** The mean time from the contact's first message to the technician's first answer (minutes). */
  firstResponseMinutes: number | null;
  /** The longest a contact waited unanswered ("tempo parado"), minutes, and in which chat. */
  longestWaitMinutes: number;
  longestWaitChat: string | null;
  checkins: number;
  closedAfterOk: number;
  notices: number;
  pending: number;
  /** Who received the pending work (names), once it was handed over. */
  pendingTo: string[];
  /** Pending work withdrawn before the opening: the customer said on a later shift the matter was solved. */
  pendingWithdrawn: number;
  resellerRedirects: number;
}

export type FlagKind = 'frases-padrao' | 'tempo-parado' | 'sem-horario' | 'ligacoes' | 'treinamento' | 'pendencia' | 'sem-resposta' | 'nao-enviada';

export const FLAG_LABELS: Record<FlagKind, string> = {
  'frases-padrao': 'Frase padrão colada',
  'tempo-parado': 'Cliente esperando',
  'sem-horario': 'Encerrado sem o horário',
  ligacoes: '"Não atendemos ligações"',
  treinamento: '"Teve treinamento?"',
  pendencia: 'Pendência sem responsável',
  'sem-resposta': 'Sem resposta nem #pendente',
  'nao-enviada': 'Mensagem não enviada (WhatsApp)',
};

/** What each message of the bot a closed WhatsApp window kept from the contact was. */
const NOT_SENT: Record<string, string> = { checkin: 'uma verificação', notice: 'o aviso de fim de plantão', closing: 'o encerramento com o horário', reply: 'uma resposta' };

export interface QaFlag {
  kind: FlagKind;
  /** The chats it is about (their numbers, or ids when Karoo gave no number). */
  chats: string[];
  technician: string | null;
  /** What QA reads, in Portuguese. */
  detail: string;
}

export interface PlantaoSummary {
  rows: TechnicianRow[];
  total: Omit<TechnicianRow, 'shiftId' | 'shift' | 'technician' | 'login'> & { technicians: number; shifts: number };
  flags: QaFlag[];
}

export const chatLabel = (r: ChatRecord): string => (r.chatNumber !== null ? String(r.chatNumber) : r.chatId);

const NO_TECHNICIAN = 'Sem técnico (só o bot)';

export function shiftLabel(log: Pick<ShiftLog, 'start' | 'end'>, calendar: BusinessCalendar): string {
  const start = new Date(log.start);
  return `${calendar.describeDay(start)}, ${calendar.formatTime(start)}–${calendar.formatTime(new Date(log.end))}`;
}

const mean = (xs: number[]): number | null => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);
const minutes = (from: string, to: string): number => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / MINUTE_MS));

function nameOf(login: string, given: string | null, roster: Roster): string {
  return given ?? roster.person(login)?.name ?? login;
}

/** The chat's technician: the first who wrote in it (null when only the bot did). */
function ownerOf(r: ChatRecord, roster: Roster): { login: string; name: string } | null {
  const t = r.technicians[0];
  return t ? { login: t.login, name: nameOf(t.login, t.name, roster) } : null;
}

/**
 * Who received (or, before the opening, receives) a chat's pending work: the hand-over's word,
 * else the roster's (the sector's supervisor or manager not on vacation that day, else the
 * shift's manager); null when nobody can.
 */
function pendingRecipient(r: ChatRecord, log: ShiftLog, roster: Roster): string | null {
  if (log.withdrawn?.[r.chatId]) return null;
  const handed = log.delivered[r.chatId];
  if (handed !== undefined) return handed?.name ?? null;
  const target = roster.escalationTarget(r.sector, log.reportDay);
  if (target) return target.name;
  return log.manager ? nameOf(log.manager, null, roster) : null;
}

function figures(records: { r: ChatRecord; log: ShiftLog }[], roster: Roster): Omit<TechnicianRow, 'shiftId' | 'shift' | 'technician' | 'login'> {
  let longest: ChatRecord | null = null;
  for (const { r } of records) if (r.longestWaitMinutes > (longest?.longestWaitMinutes ?? 0)) longest = r;
  const pendingTo = new Set<string>();
  for (const { r, log } of records) {
    const to = r.pending ? pendingRecipient(r, log, roster) : null;
    if (to) pendingTo.add(to);
  }
  const chats = records.map(({ r }) => r);
  return {
    // One chat carried from Saturday's shift into Sunday's is one chat of the weekend (found by an outside tester: "2 chats").
    chats: new Set(chats.map((r) => r.chatId)).size,
    firstResponseMinutes: mean(chats.flatMap((r) => (r.firstContactAt && r.firstResponseAt ? [minutes(r.firstContactAt, r.firstResponseAt)] : []))),
    longestWaitMinutes: longest?.longestWaitMinutes ?? 0,
    longestWaitChat: longest ? chatLabel(longest) : null,
    checkins: chats.reduce((n, r) => n + r.checkins, 0),
    closedAfterOk: chats.filter((r) => r.closed === 'tudo-ok' || r.closed === 'resolvido').length,
    notices: chats.filter((r) => r.notice).length,
    pending: chats.filter((r) => r.pending).length,
    pendingTo: [...pendingTo].sort(),
    pendingWithdrawn: records.filter(({ r, log }) => r.pending && log.withdrawn?.[r.chatId]).length,
    resellerRedirects: chats.filter((r) => r.resellerRedirect).length,
  };
}

/** The figures per shift and technician (shifts in order, technicians by name), their total, and the flags. */
export function plantaoSummary(logs: ShiftLog[], settings: QaSettings, calendar: BusinessCalendar, roster: Roster): PlantaoSummary {
  const ordered = [...logs].sort((a, b) => a.start.localeCompare(b.start));
  const rows: TechnicianRow[] = [];
  for (const log of ordered) {
    const byOwner = new Map<string, { login: string | null; name: string; records: { r: ChatRecord; log: ShiftLog }[] }>();
    for (const r of Object.values(log.chats)) {
      const owner = ownerOf(r, roster);
      const key = owner?.login ?? '';
      const entry = byOwner.get(key) ?? { login: owner?.login ?? null, name: owner?.name ?? NO_TECHNICIAN, records: [] };
      entry.records.push({ r, log });
      byOwner.set(key, entry);
    }
    const entries = [...byOwner.values()].sort((a, b) => (a.login === null ? 1 : b.login === null ? -1 : a.name.localeCompare(b.name)));
    for (const e of entries) rows.push({ shiftId: log.shiftId, shift: shiftLabel(log, calendar), technician: e.name, login: e.login, ...figures(e.records, roster) });
  }
  const all = ordered.flatMap((log) => Object.values(log.chats).map((r) => ({ r, log })));
  const technicians = new Set(all.flatMap(({ r }) => r.technicians.map((t) => t.login)));
  return { rows, total: { ...figures(all, roster), technicians: technicians.size, shifts: ordered.length }, flags: qaFlags(ordered, settings, roster, calendar) };
}

/** The seed's QA criteria (docs/mission/weekend-on-call.md), each flag with its chats. */
export function qaFlags(logs: ShiftLog[], settings: QaSettings, roster: Roster, calendar: BusinessCalendar): QaFlag[] {
  // With shifts on several days, a flag that happens at a shift's end says which ("…no fim do plantão de sábado, 12/12").
  const days = new Set(logs.map((l) => calendar.describeDay(new Date(l.start))));
  const ofDay = (log: ShiftLog): string => (days.size > 1 ? ` de ${calendar.describeDay(new Date(log.start))}` : '');
  const flags: QaFlag[] = [];
  const records = logs.flatMap((l) => Object.values(l.chats).map((r) => ({ r, log: l })));
  const techName = (login: string): string => {
    for (const { r } of records) {
      const t = r.technicians.find((x) => x.login === login);
      if (t) return nameOf(login, t.name, roster);
    }
    return nameOf(login, null, roster);
  };
  const owner = (r: ChatRecord): string | null => ownerOf(r, roster)?.name ?? null;

  // The same technician text pasted into several chats.
  const pasted = new Map<string, { by: string; excerpt: string; chats: Set<string> }>();
  for (const { r } of records) {
    for (const p of r.phrases) {
      const key = `${p.by}|${p.hash}`;
      const entry = pasted.get(key) ?? { by: p.by, excerpt: p.excerpt, chats: new Set<string>() };
      entry.chats.add(chatLabel(r));
      pasted.set(key, entry);
    }
  }
  for (const e of pasted.values()) {
    if (e.chats.size < settings.cannedMinChats) continue;
    flags.push({ kind: 'frases-padrao', chats: [...e.chats], technician: techName(e.by), detail: `o mesmo texto em ${e.chats.size} chats: “${e.excerpt}”` });
  }

  for (const { r, log } of records) {
    const chat = [chatLabel(r)];
    if (r.longestWaitMinutes > settings.customerWaitMinutes) {
      flags.push({ kind: 'tempo-parado', chats: chat, technician: owner(r), detail: `${r.partner ? 'o parceiro' : 'o cliente'} esperou ${r.longestWaitMinutes} min sem resposta (limite: ${settings.customerWaitMinutes} min)` });
    }
    if (r.closed === 'pelo-tecnico' && !r.hoursTold) {
      flags.push({ kind: 'sem-horario', chats: chat, technician: owner(r), detail: 'chat encerrado sem informar o horário do plantão nem o próximo período de atendimento' });
    }
    for (const w of r.wording) {
      flags.push({
        kind: w.kind === 'calls' ? 'ligacoes' : 'treinamento',
        chats: chat,
        technician: techName(w.by),
        detail: `${w.kind === 'calls' ? 'disse que não atendemos ligações' : 'perguntou se o cliente teve treinamento'}: “${w.excerpt}”`,
      });
    }
    if (r.notSent?.length) {
      const what = [...new Set(r.notSent)].map((p) => NOT_SENT[p] ?? p).join(', ');
      flags.push({ kind: 'nao-enviada', chats: chat, technician: owner(r), detail: `o bot não conseguiu enviar ${what}: a janela de 24 horas do WhatsApp estava fechada (o contato não escrevia havia mais de 24 horas)` });
    }
    if (r.pending && !log.withdrawn?.[r.chatId] && pendingRecipient(r, log, roster) === null) {
      flags.push({ kind: 'pendencia', chats: chat, technician: owner(r), detail: `pendência “${r.pending}” sem ninguém disponível para receber (supervisor e gerente de férias ou fora da escala)` });
    }
    // Left unanswered with no #pendente: still the technicians' miss when the bot put it in the pending work itself.
    if ((!r.pending || r.pendingByBot) && r.leftWaiting) {
      const byBot = r.pendingByBot ? ' (o bot o passou às pendências)' : '';
      flags.push({ kind: 'sem-resposta', chats: chat, technician: owner(r), detail: `${r.partner ? 'o parceiro' : 'o cliente'} ficou sem resposta no fim do plantão${ofDay(log)} e o chat não foi marcado com #pendente${byBot}` });
    }
  }
  const order = Object.keys(FLAG_LABELS);
  return flags.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.chats[0] ?? '').localeCompare(b.chats[0] ?? '', 'pt-BR', { numeric: true }));
}

const MAX_FLAGS_IN_MESSAGE = 15;

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "sábado, 21/11 e domingo, 22/11": the days a plantão's shifts fell on. */
export function daysLabel(logs: readonly ShiftLog[], calendar: BusinessCalendar): string {
  const days = [...new Set([...logs].sort((a, b) => a.start.localeCompare(b.start)).map((l) => calendar.describeDay(new Date(l.start))))];
  return days.length > 1 ? `${days.slice(0, -1).join(', ')} e ${days[days.length - 1]}` : (days[0] ?? '');
}

/** " (repassada a Bruno Costa; 1 retirada: o cliente disse depois que foi resolvida)" */
function pendingFate(t: Pick<TechnicianRow, 'pending' | 'pendingTo' | 'pendingWithdrawn'>): string {
  const handed = t.pendingTo.length ? `${t.pending - t.pendingWithdrawn === 1 ? 'repassada' : 'repassadas'} a ${t.pendingTo.join(', ')}` : '';
  const withdrawn = t.pendingWithdrawn ? `${t.pendingWithdrawn === 1 ? '1 retirada' : `${t.pendingWithdrawn} retiradas`}: o cliente disse depois que foi resolvida` : '';
  const parts = [handed, withdrawn].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The Monday QA report: the plantão's summary, its flags with the chats, and the page's link. */
export function qaReportMessage(seed: string, lead: string, logs: ShiftLog[], summary: PlantaoSummary, calendar: BusinessCalendar, link: string): string {
  const daysText = daysLabel(logs, calendar);
  const sectors = [...new Set(logs.flatMap((l) => l.sectors))].map((s) => SECTOR_NAMES[s] ?? s).join(', ');
  const t = summary.total;
  const hello = pick(seed, [`Bom dia${toName(lead)}!`, `Olá${toName(lead)}, bom dia!`, `Bom dia${toName(lead)}, tudo bem?`]);
  const intro = pick(seed, ['Segue o resumo do plantão de', 'Aqui está o resumo do plantão de', 'Resumo do plantão de']);
  const lines = [
    `${hello} ${intro} ${daysText}${sectors ? ` (${sectors})` : ''}:`,
    `• ${plural(t.chats, 'chat', 'chats')} com ${plural(t.technicians, 'técnico', 'técnicos')}${t.firstResponseMinutes !== null ? `; primeira resposta em ${t.firstResponseMinutes} min, em média` : ''}; maior tempo parado: ${t.longestWaitMinutes} min${t.longestWaitChat && t.longestWaitMinutes > 0 ? ` (chat ${t.longestWaitChat})` : ''}`,
    `• ${plural(t.checkins, 'verificação do bot', 'verificações do bot')}, ${plural(t.closedAfterOk, 'chat encerrado', 'chats encerrados')} após "tudo ok"/"resolvido", ${plural(t.notices, 'aviso', 'avisos')} de fim de plantão`,
    `• ${plural(t.pending, 'pendência', 'pendências')}${pendingFate(t)}, ${plural(t.resellerRedirects, 'cliente de revenda encaminhado', 'clientes de revenda encaminhados')} à revenda`,
  ];
  const flags = summary.flags;
  if (flags.length === 0) lines.push('Nenhum ponto de atenção encontrado nos chats.');
  else {
    lines.push(`Pontos para revisar (${flags.length}):`);
    for (const f of flags.slice(0, MAX_FLAGS_IN_MESSAGE)) {
      lines.push(`• ${f.chats.length > 1 ? 'Chats' : 'Chat'} ${f.chats.join(', ')} (${f.technician ?? 'sem técnico'}): ${f.detail}`);
    }
    if (flags.length > MAX_FLAGS_IN_MESSAGE) lines.push(`… e mais ${flags.length - MAX_FLAGS_IN_MESSAGE} no painel.`);
  }
  lines.push(`Detalhes por técnico: ${link}`);
  return lines.join('\n');
}

export const SECTOR_NAMES: Record<string, string> = { implantacao: 'Implantação', partner: 'Partner', prime: 'Prime', suporte: 'Suporte' };
