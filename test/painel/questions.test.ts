import { describe, expect, it } from 'vitest';
import type { Teaching } from '../../src/domain/teaching.js';
import { readRecord, type UnansweredRecord } from '../../src/domain/unanswered.js';
import { groupQuestions } from '../../src/painel/questions.js';
import { entryId, readTeachForm, teachValues } from '../../src/painel/teach-form.js';
import { questionsSection } from '../../src/painel/questions-page.js';

const rec = (question: string, login: string, at: string, kind: UnansweredRecord['kind'] = 'unknown'): UnansweredRecord => ({ question, login, name: login, at, kind, entries: [], confidence: 0.1 });

describe('the unanswered questions, grouped (pure)', () => {
  const records = [
    rec('como peço reembolso do uber do plantao?', 'joao', '2026-12-05T10:00:00Z'),
    rec('reembolso do uber no plantao como peço', 'ana', '2026-12-05T11:00:00Z'),
    rec('Como peço reembolso do Uber do plantão?', 'joao', '2026-12-05T12:00:00Z'),
    rec('qual a senha do wifi?', 'pedro', '2026-12-05T13:00:00Z', 'low'),
  ];

  it('puts similar questions together, counts the times and the agents, the most asked first', () => {
    const [first, second] = groupQuestions(records, []);
    expect(first).toMatchObject({ times: 3, question: 'Como peço reembolso do Uber do plantão?', lastAt: '2026-12-05T12:00:00Z' });
    expect(first?.questions).toHaveLength(2); // the same words with accents and capitals are one wording
    expect(first?.askedBy.map((a) => a.login)).toEqual(['joao', 'ana']);
    expect(second).toMatchObject({ times: 1, question: 'qual a senha do wifi?', kind: 'low' });
  });

  it('keeps a group id while newer questions join it, and leaves out what a teaching in force answers', () => {
    const before = groupQuestions(records.slice(0, 2), [])[0]?.id;
    expect(groupQuestions(records, [])[0]?.id).toBe(before);
    const taught: Teaching = { kind: 'none', id: 't1', at: '', by: 'Sara', questions: ['qual a senha do wifi?'], askedBy: [] };
    expect(groupQuestions(records, [taught]).map((g) => g.question)).not.toContain('qual a senha do wifi?');
    expect(groupQuestions(records, [{ ...taught, undone: { at: '', by: 'Sara' } }]).map((g) => g.question)).toContain('qual a senha do wifi?');
  });

  it('reads back only well-shaped records', () => {
    expect(readRecord({ question: '  oi?  ', login: 'a', at: 'x', kind: 'weird', entries: [1, 'e'] })).toMatchObject({ question: 'oi?', kind: 'unknown', entries: ['e'] });
    expect(readRecord({ question: 3, login: 'a' })).toBeNull();
    expect(readRecord(null)).toBeNull();
  });

  it('renders every value escaped', () => {
    const html = questionsSection({
      groups: groupQuestions([rec('<script>alert(1)</script> reembolso?', '<b>x</b>', '2026-12-05T10:00:00Z')], []),
      teachings: [{ kind: 'entry', entry: { id: 'e', question: '<img src=x onerror=1>', answer: 'a resposta aqui', tags: [] }, id: '"><x', at: '', by: '<i>Sara</i>', questions: ['q'], askedBy: [] }],
      status: { version: 1, state: 'failed', at: '', error: '<svg/onload=1>' },
      entries: new Map(),
      when: () => 'agora',
    });
    expect(html).not.toMatch(/<script>|<img |<svg|<b>x|<i>Sara|"><x/);
    expect(html).toContain('&lt;script&gt;');
  });

  // Found by an outside tester (2026-12-07): a 32,767-character question filled the page, and an answer taught from the page
  // (since undone) was shown by its id, "ensinado-como-peco-reembolso-do-uber-do-plantao".
  it('shows at most 300 characters of a question, and a taught answer by its question, not its id', () => {
    const long = rec(`reembolso ${'x'.repeat(40_000)}?`, 'joao', '2026-12-05T10:00:00Z');
    const low = { ...rec('como peço reembolso do hotel do plantão?', 'ana', '2026-12-05T11:00:00Z', 'low'), entries: ['ensinado-reembolso-uber'] };
    const taught: Teaching = { kind: 'entry', entry: { id: 'ensinado-reembolso-uber', question: 'Como peço reembolso do Uber do plantão?', answer: 'Pelo app Despesas.', tags: [] }, id: 't1', at: '', by: 'Sara', questions: ['q'], askedBy: [], undone: { at: '', by: 'Sara' } };
    const html = questionsSection({ groups: groupQuestions([long, low], [taught]), teachings: [taught], status: null, entries: new Map(), when: () => 'agora' });
    expect(html).not.toContain('x'.repeat(300));
    expect(html).toContain(`${'x'.repeat(200)}`);
    expect(html).toContain('respondeu com pouca certeza: “Como peço reembolso do Uber do plantão?”');
    expect(html).not.toContain('“ensinado-reembolso-uber”');
  });
});

describe('the teaching form (pure)', () => {
  const ids = new Set(['plantao-plus', 'ensinado-reembolso']);
  const form = (fields: Record<string, string>) => readTeachForm(teachValues(fields), ids);

  it('says what is missing, field by field, and saves nothing', () => {
    const r = form({ grupo: 'g', acao: 'nova', pergunta: 'oi', resposta: 'curta' });
    expect(r).toEqual({ ok: false, errors: { nome: expect.stringContaining('Diga seu nome'), pergunta: expect.stringContaining('pelo menos 5'), resposta: expect.stringContaining('pelo menos 10') } });
    expect(form({ nome: 'Sara' })).toMatchObject({ ok: false, errors: { acao: 'Escolha o que fazer com a pergunta.' } });
    expect(form({ nome: 'Sara', acao: 'frase', entrada: 'nao-existe' })).toMatchObject({ ok: false, errors: { entrada: expect.stringContaining('Escolha a resposta') } });
    expect(form({ nome: 'Sara', acao: 'nova', pergunta: 'uma pergunta boa', resposta: 'x'.repeat(2001) })).toMatchObject({ ok: false, errors: { resposta: expect.stringContaining('até 2000') } });
  });

  it('reads the three teachings, with a new entry id of its own', () => {
    expect(form({ nome: 'Sara', acao: 'frase', entrada: 'plantao-plus' })).toEqual({ ok: true, name: 'Sara', change: { kind: 'phrasing', entryId: 'plantao-plus' } });
    expect(form({ nome: 'Sara', acao: 'fora' })).toEqual({ ok: true, name: 'Sara', change: { kind: 'none' } });
    expect(form({ nome: 'Sara', acao: 'nova', pergunta: 'Como peço reembolso?', resposta: 'Pelo sistema de despesas.', etiquetas: 'reembolso, uber;uber' })).toEqual({
      ok: true,
      name: 'Sara',
      change: { kind: 'entry', entry: { id: 'ensinado-como-peco-reembolso', question: 'Como peço reembolso?', answer: 'Pelo sistema de despesas.', tags: ['reembolso', 'uber'] } },
    });
    expect(entryId('Reembolso', ids)).toBe('ensinado-reembolso-2');
  });

  it('makes every field well-formed (half an emoji) and ignores what is not text', () => {
    const v = teachValues({ nome: 'Sara \uD83D', acao: ['fora'], resposta: { x: 1 } });
    expect(v.nome).toBe('Sara \uFFFD');
    expect(v.acao).toBe('fora');
    expect(v.resposta).toBe('');
  });

  // Found by an outside tester: a taught answer with a right-to-left override read reversed in the agents' chats.
  it('drops direction overrides from every field', () => {
    const v = teachValues({ resposta: 'Lance \u202eon latroP\u202c até o dia 5', pergunta: '\u2067como peço reembolso?\u2069' });
    expect(v.resposta).toBe('Lance on latroP até o dia 5');
    expect(v.pergunta).toBe('como peço reembolso?');
  });
});
