import { fold } from '../../util/text.js';
import { week as weekNamed } from '../../nlu/entities.js';
import type { Turn } from '../agent-state.js';
import { customerRef, WEEK_ORDINAL, namedIn, type Monitoring, type WeekNo } from '../monitoring/model.js';
import { resume } from './commands.js';
import { DAY_MS as DAY } from '../../domain/durations.js';

/**
 * The agent asks to correct a week already recorded ("errei, a 2ª semana teve contato sim, corrige
 * aí"): the bot does not rewrite a week in Bimer (its specific ticket is already open, the 2266's
 * line already written), and never takes such a message for the week under way, which would record
 * and close the wrong week. It says where to correct it, and goes back to what was open. Pure.
 */

/** Words that ask to correct something already said or recorded. */
const CORRECTS = /\b(?:errei|me enganei|corrig\w*|corrij\w*|(?:registrei|lancei|marquei|coloquei|botei) errado|(?:ta|esta|ficou|foi) errad[ao]|arrum\w*|consert\w*)\b/;
/** …about what was recorded before: a past week, or the record itself. */
const PAST = /\b(?:semana passada|registrei|registrou|lancei|anotei|ja (?:foi )?registrad[ao]|corrige ai|corrigir a semana|arrumar a semana)\b/;
/** The demand named again ("era erro de operação", "não era dúvida", "era o 000003"). */
const RETYPED = /\b(?:era|foi|e)\s+(?:um\s+|uma\s+|o\s+)?(?:erro|duvida|bug|apenas ok|so ok|0000(?:01|02|03|25|29))\b|\bnao\s+(?:era\s+)?(?:duvida|erro|bug)\b/;
/** A contact after all ("pera, errei, ele me ligou de volta agora", "me enganei, falei sim com ele"), told of the week just recorded as without one. */
const CONTACT_AFTER_ALL = /\b(?:falei sim|falei com (?:ele|ela)|consegui (?:falar|contato)|(?:ele|ela) (?:me )?(?:ligou|retornou|atendeu|respondeu)|me ligou|ligou de volta|retornou)\b/;
/** A question opening with how or where ("como corrijo…?"). */
const HOW = /^\W*(?:como|onde|posso|da pra|tem como|qual)\b/;

/** The monitoring and its recorded week the message asks to correct, or null when it asks none. */
export function pastWeekCorrection(t: Turn, text: string, code: string | null): { m: Monitoring; week: WeekNo } | null {
  const f = fold(text);
  // "como corrijo…?" is the assistant's, unless it is about a week of the routine ("como corrijo a semana 2?").
  if (!CORRECTS.test(f) || (HOW.test(f) && !/\bsemana\b/.test(f))) return null;
  const { s } = t;
  const d = s.dialog;
  const open = 'monitoringId' in d ? s.monitorings[d.monitoringId] : undefined;
  const active = Object.values(s.monitorings).filter((m) => m.phase !== 'done' && (!code || m.customer.code === code));
  // The customer the words name comes first ("errei, a 1ª semana da padaria…" while the market's check-in is open).
  const named = code ? (active.length === 1 ? active[0] : undefined) : active.length > 1 ? namedIn(active, text) : null;
  // …else a cycle handed to the supervisor in the last days ("errei, a 3ª semana foi erro de operação", right after it: found by
  // an outside tester, answered with what a 000002 is).
  const m = named ?? open ?? (active.length === 1 ? active[0] : undefined) ?? (active.length === 0 ? recentlyDone(t, text, code) : undefined);
  if (!m) return null;
  const recorded = ([1, 2, 3] as WeekNo[]).filter((w) => m.weeks[w]);
  const week = weekNamed(text);
  if (week && m.weeks[week]) return { m, week };
  // No week named: the last one recorded, when the words speak of what was recorded.
  const last = recorded[recorded.length - 1];
  if (!week && last && PAST.test(f)) return { m, week: last };
  // "ops errei, era erro de operação, não dúvida", or "errei, ele me ligou de volta", just after a week was recorded: that week
  // (a week 1 with the salesperson is taken back and recorded instead: seller-return.ts).
  const recent = last ? Date.parse(m.weeks[last]?.at ?? '') : NaN;
  return !week && last && d.kind === 'idle' && (RETYPED.test(f) || (CONTACT_AFTER_ALL.test(f) && m.phase !== 'seller_wait')) && t.now.getTime() - recent < DAY ? { m, week: last } : null;
}

/** How long after its hand-over a cycle's weeks may still be asked to be corrected. */
const DONE_LATELY_MS = 14 * DAY;

/** The cycle of the customer named (or the only one) handed to the supervisor in the last two weeks, the latest first. */
function recentlyDone(t: Turn, text: string, code: string | null): Monitoring | undefined {
  const done = Object.values(t.s.monitorings)
    .filter((m) => m.phase === 'done' && (!code || m.customer.code === code) && t.now.getTime() - Date.parse(m.weeks[3]?.at ?? '') < DONE_LATELY_MS)
    .sort((a, b) => Date.parse(b.weeks[3]?.at ?? '') - Date.parse(a.weeks[3]?.at ?? ''));
  return (done.length > 1 ? namedIn(done, text) : null) ?? (done.length === 1 || code ? done[0] : undefined);
}

export function explainCorrection(t: Turn, found: { m: Monitoring; week: WeekNo }): void {
  const { m, week } = found;
  const record = m.weeks[week];
  const ticket = record?.protocolo ? ` e, se o ${record.code ?? 'atendimento'} ${record.protocolo} ficou com o tipo ou o texto errado, ajuste-o lá também` : '';
  if (m.phase === 'done') {
    t.out.say(
      `O monitoramento de ${customerRef(m)} já terminou: o 2266 ${m.ticket.protocolo} está com a sua supervisão imediata para encerrar, e eu não altero mais nada nele. Para corrigir a ${WEEK_ORDINAL[week]} semana, edite a linha dela no 2266 direto no Bimer${ticket}, e avise a supervisão da correção.`,
    );
    return resume(t);
  }
  t.out.say(
    `Uma semana já registrada eu não altero por aqui, para não duplicar nada no Bimer. Para corrigir a ${WEEK_ORDINAL[week]} semana de ${customerRef(m)}, edite a linha dela no 2266 ${m.ticket.protocolo} direto no Bimer${ticket}. A ${WEEK_ORDINAL[m.week]} semana segue como está.`,
  );
  resume(t);
}
