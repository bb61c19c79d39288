import { createHash } from 'node:crypto';
import type { Teaching } from '../domain/teaching.js';
import type { UnansweredRecord } from '../domain/unanswered.js';
import { terms } from '../faq/portuguese.js';
import { fold } from '../util/text.js';

/**
 * `/painel` § Perguntas sem resposta (issue 24): the questions the assistant did not know, offered
 * as a close call, or answered with low confidence (the `faq-unanswered` list), similar ones
 * grouped, the most asked first (then the newest), the ones a teaching in force answers left out.
 * Pure.
 */

export interface QuestionGroup {
  /** Stable while the group's oldest question stays in the list (a hash of it). */
  id: string;
  /** The most recent wording, and every distinct wording asked, newest first. */
  question: string;
  questions: string[];
  times: number;
  /** Who asked (login → name), each once. */
  askedBy: { login: string; name: string; question: string }[];
  lastAt: string;
  /** What the bot answered the last time: "não sei", two options, or an entry with low confidence. */
  kind: UnansweredRecord['kind'];
  entries: string[];
}

const key = (text: string) => fold(text).replace(/[^a-z0-9]+/g, ' ').trim();

/** Two questions are the same one asked again when they share at least this share of their words (Jaccard). */
const SIMILAR = 0.5;

function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const t of a) if (b.has(t)) common += 1;
  return common / (a.size + b.size - common);
}

export function groupQuestions(records: readonly UnansweredRecord[], teachings: readonly Teaching[]): QuestionGroup[] {
  const taught = new Set(teachings.filter((t) => !t.undone).flatMap((t) => t.questions.map(key)));
  const newestFirst = [...records].sort((a, b) => b.at.localeCompare(a.at));
  // `oldest`: the group's oldest question (records come newest first): its hash is the group's id.
  const groups: (QuestionGroup & { terms: Set<string>; oldest: string })[] = [];
  for (const r of newestFirst) {
    if (taught.has(key(r.question))) continue;
    const words = new Set(terms(r.question));
    const group = groups.find((g) => key(g.question) === key(r.question) || similarity(g.terms, words) >= SIMILAR);
    if (!group) {
      groups.push({
        id: '',
        question: r.question,
        questions: [r.question],
        times: 1,
        askedBy: [{ login: r.login, name: r.name ?? r.login, question: r.question }],
        lastAt: r.at,
        kind: r.kind,
        entries: r.entries,
        terms: words,
        oldest: r.question,
      });
      continue;
    }
    group.times += 1;
    group.oldest = r.question;
    if (!group.questions.some((q) => key(q) === key(r.question))) group.questions.push(r.question);
    if (!group.askedBy.some((a) => a.login === r.login)) group.askedBy.push({ login: r.login, name: r.name ?? r.login, question: r.question });
  }
  return groups.map(({ terms: _terms, oldest, ...g }) => ({ ...g, id: createHash('sha256').update(key(oldest)).digest('hex').slice(0, 12) })).sort((a, b) => b.times - a.times || b.lastAt.localeCompare(a.lastAt));
}
