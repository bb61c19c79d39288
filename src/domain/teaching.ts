/**
 * What a supervisor taught the agents' assistant from `/painel` (issue 24): a question it did not
 * know (and the similar ones asked with it) attached to an existing knowledge-base entry as new
 * phrasings, a new entry, or marked out of scope. Kept in Redis, shared by every instance; undone
 * by marking, never by deleting (the audit keeps both).
 */

export interface NewEntry {
  /** The entry's id: lower-case letters, digits and dashes, not an id the base already has. */
  id: string;
  question: string;
  answer: string;
  tags: string[];
}

export type TeachingChange =
  | { kind: 'phrasing'; entryId: string }
  | { kind: 'entry'; entry: NewEntry }
  | { kind: 'none' };

export type Teaching = TeachingChange & {
  id: string;
  /** When (ISO) and by whom (the supervisors' login; `name` as they signed the form). */
  at: string;
  by: string;
  /** The questions the agents asked that this teaching answers (their phrasings, kept as typed). */
  questions: string[];
  /** Who asked which (agents' logins), told once in the bot chat when the answer is learned. */
  askedBy: { login: string; question: string }[];
  undone?: { at: string; by: string };
};

/** One line of the teachings' audit: who did what, when. */
export interface TeachingAudit {
  at: string;
  by: string;
  action: 'taught' | 'undone';
  teachingId: string;
  /** In words, for the page ("nova pergunta: …", "2 frases em 'plantao-plus'", "fora do escopo"). */
  what: string;
}

/** Where the background training stands, as the page shows it. */
export interface LearningStatus {
  /** The teachings' version this status is about. */
  version: number;
  state: 'training' | 'ready' | 'failed';
  at: string;
  ms?: number;
  error?: string;
}
