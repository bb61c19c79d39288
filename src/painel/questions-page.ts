import type { LearningStatus, Teaching } from '../domain/teaching.js';
import type { KbEntry } from '../faq/knowledge-base.js';
import { truncate } from '../util/text.js';
import { esc, STYLE } from './html.js';
import type { QuestionGroup } from './questions.js';
import type { TeachValues } from './teach-form.js';

/**
 * `/painel` § Perguntas sem resposta and the teaching form (issue 24): server-rendered, no
 * JavaScript, every value escaped. Pure.
 */

export interface QuestionsView {
  groups: QuestionGroup[];
  teachings: Teaching[];
  status: LearningStatus | null;
  entries: Map<string, KbEntry>;
  /** How a time reads for people ("sábado, 05/12 às 10:00"). */
  when: (iso: string) => string;
  /** A line to show at the top (after a teaching or an undo). */
  notice?: string;
}

const STATUS_TEXT: Record<LearningStatus['state'], string> = {
  training: 'aprendendo (o assistente treina em segundo plano; leva alguns segundos)',
  ready: 'aprendido',
  failed: 'o treino falhou, e o assistente continua com o que sabia antes',
};

/** A question as the page shows it: at most {@link SHOWN_MAX} characters (code points), the rest in the teaching form. */
const SHOWN_MAX = 300;
const shown = (question: string) => esc(truncate(question, SHOWN_MAX));

function botAnswered(g: QuestionGroup, v: QuestionsView): string {
  // An entry taught from this page (and perhaps undone since) is named by its question, never by its id.
  const question = (id: string) => v.entries.get(id)?.question ?? v.teachings.flatMap((t) => (t.kind === 'entry' && t.entry.id === id ? [t.entry.question] : []))[0];
  const q = (id: string | undefined) => (id ? `“${shown(question(id) ?? 'uma resposta que não existe mais')}”` : '');
  if (g.kind === 'options') return `duas respostas próximas: ${g.entries.map(q).join(' e ')}`;
  if (g.kind === 'low') return `respondeu com pouca certeza: ${q(g.entries[0])}`;
  return '“não sei”';
}

function what(t: Teaching, entries: Map<string, KbEntry>): string {
  if (t.kind === 'entry') return `nova resposta: “${esc(t.entry.question)}”`;
  if (t.kind === 'phrasing') {
    const entry = entries.get(t.entryId);
    const ways = t.questions.length === 1 ? 'nova forma de perguntar' : `${t.questions.length} novas formas de perguntar`;
    return entry ? `${ways} “${esc(entry.question)}”` : `${ways} uma resposta que não existe mais (${esc(t.entryId)}): sem efeito`;
  }
  return 'fora do escopo do assistente';
}

export function questionsSection(v: QuestionsView): string {
  const status = v.status
    ? `<p class="note" id="aprendizado" data-state="${esc(v.status.state)}">Aprendizado: <b>${esc(STATUS_TEXT[v.status.state])}</b> — ${esc(v.when(v.status.at))}${v.status.error ? `: ${esc(v.status.error)}` : ''}.</p>`
    : '';
  const rows = v.groups.length
    ? `<table id="perguntas-lista"><thead><tr><th>Pergunta</th><th>Vezes</th><th>Quem perguntou</th><th>Última vez</th><th>O que o assistente respondeu</th><th></th></tr></thead><tbody>${v.groups
        .slice(0, 50)
        .map(
          (g) =>
            `<tr data-grupo="${esc(g.id)}"><td>${shown(g.question)}${g.questions.length > 1 ? `<br><small>e mais ${g.questions.length - 1} parecida${g.questions.length > 2 ? 's' : ''}: ${g.questions.slice(1, 4).map((q) => `“${shown(q)}”`).join(', ')}</small>` : ''}</td><td>${g.times}</td><td>${g.askedBy.length} (${g.askedBy.map((a) => esc(a.name)).join(', ')})</td><td>${esc(v.when(g.lastAt))}</td><td>${botAnswered(g, v)}</td><td><a href="/painel/perguntas/ensinar?grupo=${esc(g.id)}">Ensinar</a></td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">Nenhuma pergunta sem resposta.</p>';
  const active = [...v.teachings].reverse();
  const taught = active.length
    ? `<table id="ensinadas"><thead><tr><th>O que foi ensinado</th><th>Perguntas</th><th>Quem</th><th>Quando</th><th></th></tr></thead><tbody>${active
        .slice(0, 50)
        .map(
          (t) =>
            `<tr data-id="${esc(t.id)}"${t.undone ? ' class="undone"' : ''}><td>${what(t, v.entries)}</td><td>${t.questions.map((q) => `“${esc(q)}”`).join('<br>')}</td><td>${esc(t.by)}</td><td>${esc(v.when(t.at))}</td><td>${
              t.undone
                ? `desfeito por ${esc(t.undone.by)} — ${esc(v.when(t.undone.at))}`
                : `<form method="post" action="/painel/perguntas/desfazer"><input type="hidden" name="id" value="${esc(t.id)}"><label>Seu nome<input name="nome" required maxlength="60"></label><button type="submit">Desfazer</button></form>`
            }</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="empty">Nada ensinado ainda.</p>';
  return `<section id="perguntas"><h2>Perguntas sem resposta</h2>
${v.notice ? `<p class="note" id="aviso">${esc(v.notice)}</p>` : ''}${status}
<p class="note">Perguntas dos agentes que o assistente não soube responder, ou respondeu com pouca certeza; as parecidas vêm juntas. Ensine a resposta: ele aprende em segundo plano e avisa quem perguntou.</p>
${rows}
<h3>O que já foi ensinado</h3>
${taught}
</section>`;
}

export interface TeachPage {
  group: QuestionGroup;
  entries: KbEntry[];
  values: TeachValues;
  errors: Partial<Record<keyof TeachValues, string>>;
}

export function renderTeachPage({ group, entries, values, errors }: TeachPage): string {
  const err = (name: keyof TeachValues) => (errors[name] ? `<span class="error" id="erro-${name}">${esc(errors[name])}</span>` : '');
  const checked = (a: string) => (values.acao === a ? ' checked' : '');
  const options = entries
    .map((e) => `<option value="${esc(e.id)}"${values.entrada === e.id ? ' selected' : ''}>${esc(e.question)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Ensinar o assistente — karoo-bot</title><style>${STYLE}
form.teach{display:block;background:#fff;padding:16px;box-shadow:0 1px 2px #0001;max-width:760px}form.teach fieldset{border:1px solid #e4e7eb;margin:0 0 12px;padding:8px 12px}
form.teach input[type=text],form.teach textarea,form.teach select{width:100%;box-sizing:border-box;font:inherit;padding:4px}.error{color:#a61b1b;font-size:12px;display:block}</style></head>
<body><header><h1>Ensinar o assistente</h1><p><a href="/painel#perguntas" style="color:#fff">← voltar ao painel</a></p></header>
<main><section><h2>A pergunta</h2>
<ul id="perguntas-grupo">${group.questions.map((q) => `<li>${esc(q)}</li>`).join('')}</ul>
<p class="note">Perguntada ${group.times} ${group.times === 1 ? 'vez' : 'vezes'} por ${group.askedBy.map((a) => esc(a.name)).join(', ')}.</p>
${Object.keys(errors).length ? '<p class="error" id="erros">Confira os campos marcados: nada foi salvo.</p>' : ''}
<form class="teach" method="post" action="/painel/perguntas/ensinar">
<input type="hidden" name="grupo" value="${esc(group.id)}">
<fieldset><legend>O que fazer com ela</legend>${err('acao')}
<label><span><input type="radio" name="acao" value="frase"${checked('frase')}> É outra forma de perguntar algo que o assistente já sabe</span></label>
<label>Resposta que já existe<select name="entrada"><option value="">escolha…</option>${options}</select>${err('entrada')}</label>
<label><span><input type="radio" name="acao" value="nova"${checked('nova')}> É uma pergunta nova: escrever a resposta</span></label>
<label>Pergunta<input type="text" name="pergunta" maxlength="200" value="${esc(values.pergunta || group.question)}">${err('pergunta')}</label>
<label>Resposta (em português, como o assistente vai responder)<textarea name="resposta" rows="5" maxlength="2000">${esc(values.resposta)}</textarea>${err('resposta')}</label>
<label>Etiquetas (separadas por vírgula, opcional)<input type="text" name="etiquetas" maxlength="200" value="${esc(values.etiquetas)}">${err('etiquetas')}</label>
<label><span><input type="radio" name="acao" value="fora"${checked('fora')}> Não é assunto do assistente (ele continua dizendo que não sabe)</span></label>
</fieldset>
<label>Seu nome (fica registrado)<input type="text" name="nome" maxlength="60" value="${esc(values.nome)}">${err('nome')}</label>
<p><button type="submit">Ensinar</button></p>
</form></section></main></body></html>`;
}
