import type { TeachingChange } from '../domain/teaching.js';
import { fold, wellFormed, withoutDirectionControls } from '../util/text.js';

/**
 * The teaching form of `/painel` (issue 24), read and checked: every field from outside made
 * well-formed and bounded, every problem said in Portuguese next to its field. Pure.
 */

export type TeachAction = 'frase' | 'nova' | 'fora';

/** The form's fields as typed (kept to show the form again with its errors). */
export interface TeachValues {
  grupo: string;
  nome: string;
  acao: TeachAction | '';
  entrada: string;
  pergunta: string;
  resposta: string;
  etiquetas: string;
}

export type TeachForm = { ok: true; name: string; change: TeachingChange } | { ok: false; errors: Partial<Record<keyof TeachValues, string>> };

const LIMITS = { nome: 60, pergunta: 200, resposta: 2000, etiquetas: 200 } as const;

/** A form field as text: well-formed, blanks collapsed at its ends (the answer keeps its lines). */
function field(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  const raw = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  // A direction override (U+202E) in a taught answer would reverse it in every agent's chat.
  return withoutDirectionControls(wellFormed(raw)).replace(/\r\n?/g, '\n').trim();
}

export function teachValues(body: unknown): TeachValues {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const acao = field(b, 'acao');
  return {
    grupo: field(b, 'grupo'),
    nome: field(b, 'nome'),
    acao: acao === 'frase' || acao === 'nova' || acao === 'fora' ? acao : '',
    entrada: field(b, 'entrada'),
    pergunta: field(b, 'pergunta'),
    resposta: field(b, 'resposta'),
    etiquetas: field(b, 'etiquetas'),
  };
}

/** A new entry's id from its question: `ensinado-` and its first words, made unique among `taken`. */
export function entryId(question: string, taken: ReadonlySet<string>): string {
  const base = `ensinado-${fold(question).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || 'pergunta'}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const tooLong = (text: string, max: number) => Array.from(text).length > max;

export function readTeachForm(v: TeachValues, entryIds: ReadonlySet<string>): TeachForm {
  const errors: Partial<Record<keyof TeachValues, string>> = {};
  if (Array.from(v.nome).length < 2) errors.nome = 'Diga seu nome: ele fica registrado com o que você ensinou.';
  else if (tooLong(v.nome, LIMITS.nome)) errors.nome = `O nome pode ter até ${LIMITS.nome} letras.`;
  if (!v.acao) errors.acao = 'Escolha o que fazer com a pergunta.';
  if (v.acao === 'frase' && !entryIds.has(v.entrada)) errors.entrada = 'Escolha a resposta que já existe e responde a esta pergunta.';
  if (v.acao === 'nova') {
    if (Array.from(v.pergunta).length < 5) errors.pergunta = 'Escreva a pergunta (pelo menos 5 letras).';
    else if (tooLong(v.pergunta, LIMITS.pergunta)) errors.pergunta = `A pergunta pode ter até ${LIMITS.pergunta} letras.`;
    if (Array.from(v.resposta).length < 10) errors.resposta = 'Escreva a resposta em português (pelo menos 10 letras).';
    else if (tooLong(v.resposta, LIMITS.resposta)) errors.resposta = `A resposta pode ter até ${LIMITS.resposta} letras.`;
    if (tooLong(v.etiquetas, LIMITS.etiquetas)) errors.etiquetas = `As etiquetas podem ter até ${LIMITS.etiquetas} letras.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (v.acao === 'frase') return { ok: true, name: v.nome, change: { kind: 'phrasing', entryId: v.entrada } };
  if (v.acao === 'fora') return { ok: true, name: v.nome, change: { kind: 'none' } };
  const tags = [...new Set(v.etiquetas.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean))];
  return { ok: true, name: v.nome, change: { kind: 'entry', entry: { id: entryId(v.pergunta, entryIds), question: v.pergunta, answer: v.resposta, tags } } };
}
