import { fold } from '../../util/text.js';
import type { Turn } from '../agent-state.js';
import { SECTOR_NAMES } from '../plantao/qa-report.js';
import { pick } from '../phrases.js';

/**
 * What the knowledge base cannot say but the roster can: when the plantão is on ("qual o horario
 * do plantao hj?", "plantao tem no feriado tb?") and what the roster post is for. The rules give
 * the days (Saturday, Sunday and holidays) and the post's purpose; the roster gives the hours. Pure.
 */

/** A question on when the plantão is on: its hours, its days, today's or the weekend's. */
const ASKS_WHEN =
  /\b(?:horario|horarios|hora|horas|que horas|q horas|ate q(?:ue)? horas|qnd|quando|qdo|comeca|termina|acaba|abre|funciona|tem (?:plant\w*|no|na|em|de)|hoje|hj|amanha|sabado|domingo|fds|fim de semana|feriados?)\b/;
const NAMES_PLANTAO = /\bplant\w*\b/;
/** …and not what to tell a customer about the hours (the base's answer on the closing message). */
const TELLS_SOMEONE = /\b(?:informo|informar|aviso|avisar|passo|passar|digo|dizer|falo|falar|mando|mandar|encerr\w*|fech\w*)\b/;
/** …nor its pay, its rules or who may work it (the base's). */
const OTHER_MATTER = /\b(?:paga\w*|pago|valor|ganh\w*|plus|recebo|qa|quem pode|setor(?:es)?|agend\w*|pendenc\w*|revenda|parceir\w*|partner)\b/;
/** A question on the roster post itself ("e o post de escala, pra q serve?"). */
const ASKS_ROSTER_POST = /\b(?:post (?:de |da )?escala|escala do plant\w*)\b/;

/** How many of the coming shifts are listed. */
const SHOWN = 4;
/** How far ahead shifts are looked for. */
const AHEAD_MS = 14 * 24 * 60 * 60 * 1000;

/** The answer from the rules and the roster, or null when the question is about neither. */
export function plantaoFromRoster(t: Turn, text: string): string | null {
  const f = fold(text);
  const post = ASKS_ROSTER_POST.test(f);
  // In one question ("quanto paga o plantao? e a copa sai quando?" asks no hours).
  const when = f.split(/[?!.;]+/).some((q) => NAMES_PLANTAO.test(q) && ASKS_WHEN.test(q) && !TELLS_SOMEONE.test(q) && !OTHER_MATTER.test(q));
  if (!post && !when) return null;
  const days = 'O plantão é aos sábados, domingos e feriados, só para a equipe da própria empresa (Implantação, Partner, Prime e Suporte).';
  const postSays =
    'O post de escala do plantão diz quais gerentes e supervisores estão trabalhando e quais estão de férias: nada vai para quem está de férias (eu confiro isso ao entregar as pendências).';
  return post && !when ? postSays : `${days} ${shiftsAhead(t)}${post ? `\n${postSays}` : ''}`;
}

function shiftsAhead(t: Turn): string {
  const { ctx, now, seed } = t;
  const { roster, calendar } = ctx;
  const coming = roster.shifts
    .filter((s) => roster.endOf(s) > now && roster.startOf(s).getTime() - now.getTime() < AHEAD_MS)
    .sort((a, b) => roster.startOf(a).getTime() - roster.startOf(b).getTime())
    .slice(0, SHOWN);
  if (coming.length === 0) return pick(seed, ['Na escala em vigor não há plantão nos próximos 14 dias.', 'A escala em vigor não tem plantão nas próximas duas semanas.']);
  const lines = coming.map((s) => {
    const start = roster.startOf(s);
    const on = start <= now ? 'agora, até' : `${calendar.describeDay(start)}, das ${calendar.formatTime(start)} às`;
    const sectors = (s.sectors as string[]).map((x) => SECTOR_NAMES[x] ?? x).join(', ');
    return `- ${on} ${calendar.formatTime(roster.endOf(s))} (${sectors})`;
  });
  return `${pick(seed, ['Pela escala:', 'Na escala em vigor:'])}\n${lines.join('\n')}`;
}
