import { formatPhone, toE164 } from '../util/phone.js';
import type { Rec } from './bimer-memory.js';
import type { KarooRecord } from './sandbox-store.js';

/**
 * The simulator's "Mensagens para a equipe": what the bot sent, on its own initiative, to people
 * no chat of the page shows: the technician's hardware hint, the reseller's notice, the
 * salesperson, the supervisor, the plantão's pending work, the QA report. Shown with whom it went
 * to, when (by the bot's clock) and the text; the page escapes every value.
 */

export interface StaffMessage {
  /** Who it went to: name and login, or name and phone for people (`(51) 93333-4444`). */
  to: string;
  department: string | null;
  at: string;
  /** When, by the bot's clock ("sábado, 05/12 às 10:00"). */
  atText: string;
  text: string;
  template?: string;
  /** Karoo refused it (its error code). */
  refused?: string;
}

export interface StaffDirectory {
  /** A login's name (the roster, Bimer's users, the simulator's technician), or null. */
  nameOfLogin(login: string): string | null;
  /** The name Bimer holds for a phone (a reseller's contact), or null. */
  nameOfPhone(phone: string): string | null;
}

/** Names by login (`known`: the roster's staff, the technician) and Bimer's users, and the phones of Bimer's contacts (resellers'). */
export function staffDirectory(known: Record<string, string>, people: Iterable<Rec>, users: Iterable<Rec>): StaffDirectory {
  const byLogin = new Map<string, string>(Object.entries(known));
  for (const u of users) if (typeof u.NomeLogin === 'string' && typeof u.Nome === 'string' && !byLogin.has(u.NomeLogin)) byLogin.set(u.NomeLogin, u.Nome);
  const byPhone = new Map<string, string>();
  for (const p of people) {
    const contacts = Array.isArray(p.Contatos) ? (p.Contatos as Rec[]) : [];
    for (const c of contacts) {
      const phone = toE164(typeof c.Telefone === 'string' ? c.Telefone : null);
      if (phone && typeof c.Nome === 'string') byPhone.set(phone, typeof p.Nome === 'string' ? `${c.Nome} (${p.Nome})` : c.Nome);
    }
  }
  return { nameOfLogin: (login) => byLogin.get(login) ?? null, nameOfPhone: (phone) => byPhone.get(phone) ?? null };
}

/** Who a proactive message went to, for people. */
export function recipientText(to: KarooRecord['to'], directory: StaffDirectory): string {
  if (to?.login) {
    const name = directory.nameOfLogin(to.login);
    return name ? `${name} (${to.login})` : to.login;
  }
  if (to?.phone) {
    const name = directory.nameOfPhone(to.phone);
    return name ? `${name}, ${formatPhone(to.phone)}` : formatPhone(to.phone);
  }
  return 'destinatário desconhecido';
}

/**
 * The bot's proactive messages (sent, or refused by Karoo) that no pane shows, oldest first.
 * `shown` says whether a chat pane of the page shows a record.
 */
export function staffMessages(
  records: readonly KarooRecord[],
  shown: (r: KarooRecord) => boolean,
  directory: StaffDirectory,
  describe: (at: Date) => string,
): StaffMessage[] {
  return records
    .filter((r) => (r.kind === 'proactive' || (r.kind === 'refused' && r.to !== undefined)) && !shown(r))
    .map((r) => ({
      to: recipientText(r.to, directory),
      department: r.department || null,
      at: r.at,
      atText: describe(new Date(r.at)),
      text: r.text,
      ...(r.template ? { template: r.template } : {}),
      ...(r.kind === 'refused' && r.code ? { refused: r.code } : {}),
    }));
}
