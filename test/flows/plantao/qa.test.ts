import { describe, expect, it } from 'vitest';
import type { QaState } from '../../../src/flows/plantao/qa-flow.js';
import { FLAG_LABELS, plantaoSummary } from '../../../src/flows/plantao/qa-report.js';
import { mentionsHours, newRecord, phraseOf, technicianWrote } from '../../../src/flows/plantao/record.js';
import { wordingByRules as badWording } from '../../../src/nlu/wording.js';
import type { Effect } from '../../../src/domain/effects.js';
import { playWeekend, qaContext, qaState, QA_ROSTER } from '../../helpers/plantao-seed.js';

/**
 * QA's review of the plantão (issue 14) on the seeded weekend (test/helpers/plantao-seed.ts): the
 * figures per shift and technician, the flags after the seed's criteria, and the Monday report.
 */

/** The report (to QA, or the on-call manager instead): not the alerts the manager gets during the shift on a contact left waiting. */
const toQa = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to && /\.qa$|gerente/.test(e.to.login) && !isWaitAlert(e.text) ? [e] : []));
const isWaitAlert = (text: string) => /quem assume/.test(text);

describe('the plantão as QA reviews it', () => {
  it('counts each shift per technician: chats, first answer, time left waiting, check-ins, closes, notices, pending work, reseller redirects', () => {
    const ctx = qaContext();
    const state = qaState(playWeekend());
    const { rows, total } = plantaoSummary(Object.values(state.shifts), ctx.qa, ctx.calendar, ctx.roster);
    const table = rows.map((r) => [r.shift, r.technician, r.chats, r.firstResponseMinutes, r.longestWaitMinutes, r.longestWaitChat, r.checkins, r.closedAfterOk, r.notices, r.pending, r.pendingTo.join(), r.resellerRedirects]);
    expect(table).toEqual([
      ['sábado, 21/11, 08:00–18:00', 'Diego Rocha', 4, 3, 40, '101', 1, 2, 0, 0, '', 0],
      ['sábado, 21/11, 08:00–18:00', 'Eva Martins', 1, 4, 4, '107', 0, 1, 0, 1, 'Bruno Costa', 0],
      ['sábado, 21/11, 08:00–18:00', 'Sem técnico (só o bot)', 1, null, 0, null, 0, 1, 0, 0, '', 1],
      ['domingo, 22/11, 08:00–12:00', 'Eva Martins', 1, 6, 6, '105', 0, 1, 0, 0, '', 0],
      // Its check-in and the end-of-shift notice fall due at 11:30 together: the notice alone is sent.
      // Left waiting at the end of the last shift before the opening: the bot put it in the pending work itself.
      ['domingo, 22/11, 08:00–12:00', 'Sem técnico (só o bot)', 1, null, 60, '106', 0, 0, 1, 1, 'Bruno Costa', 0],
    ]);
    expect(total).toMatchObject({ chats: 8, technicians: 2, shifts: 2, checkins: 1, closedAfterOk: 5, notices: 1, pending: 2, resellerRedirects: 1, longestWaitMinutes: 60, longestWaitChat: '106' });
  });

  it('flags what the seed counts against the technician, each with its chats', () => {
    const ctx = qaContext();
    const { flags } = plantaoSummary(Object.values(qaState(playWeekend()).shifts), ctx.qa, ctx.calendar, ctx.roster);
    expect(flags.map((f) => [f.kind, f.chats.join(), f.technician])).toEqual([
      ['frases-padrao', '102,103,104', 'Diego Rocha'],
      ['tempo-parado', '101', 'Diego Rocha'],
      ['tempo-parado', '106', null],
      ['sem-horario', '103', 'Diego Rocha'],
      ['ligacoes', '104', 'Diego Rocha'],
      ['treinamento', '105', 'Eva Martins'],
      ['sem-resposta', '106', null],
    ]);
  });

  // Found by an outside tester (2026-12-07): one chat carried from Saturday into Sunday was "2 chats", its two flags alike and
  // with no day, and the pending work the bot made of it was missing from "0 pendências".
  it('counts a chat carried from one shift into the next once, says which day a shift-end flag is of, and the pending work the bot made', () => {
    const ctx = qaContext();
    const shifts = Object.values(qaState(playWeekend()).shifts).sort((a, b) => a.start.localeCompare(b.start));
    const [saturday, sunday] = shifts;
    const carried = Object.values(saturday?.chats ?? {})[0];
    if (!carried || !sunday) throw new Error('no record in the seed');
    sunday.chats[carried.chatId] = { ...carried };
    const { total, flags } = plantaoSummary(shifts, ctx.qa, ctx.calendar, ctx.roster);
    expect(total.chats).toBe(8);
    const unanswered = flags.find((f) => f.kind === 'sem-resposta');
    expect(unanswered?.detail).toContain('no fim do plantão de domingo, 22/11');
    expect(unanswered?.detail).toContain('(o bot o passou às pendências)');
  });

  // QA read one label, "Pendência não repassada", for two causes: pending work nobody could receive,
  // and a chat left unanswered that nobody marked #pendente. Each has its own now.
  it('tells pending work nobody could receive apart from a chat left unanswered without #pendente', () => {
    const ctx = qaContext();
    const shifts = Object.values(qaState(playWeekend()).shifts);
    const withPending = shifts.flatMap((log) => Object.values(log.chats).filter((r) => r.pending).map((r) => ({ log, r })));
    expect(withPending.length).toBeGreaterThan(0);
    for (const { log, r } of withPending) log.delivered[r.chatId] = null; // nobody took it: supervisor and manager away
    const { flags } = plantaoSummary(shifts, ctx.qa, ctx.calendar, ctx.roster);
    const labelled = flags.filter((f) => f.kind === 'pendencia' || f.kind === 'sem-resposta').map((f) => [f.kind, f.chats.join(), FLAG_LABELS[f.kind]]);
    expect(labelled).toEqual([
      ['pendencia', '106', 'Pendência sem responsável'],
      ['pendencia', '107', 'Pendência sem responsável'],
      ['sem-resposta', '106', 'Sem resposta nem #pendente'],
    ]);
    expect(flags.find((f) => f.kind === 'pendencia')?.detail).toContain('sem ninguém disponível');
    expect(flags.find((f) => f.kind === 'sem-resposta')?.detail).toContain('#pendente');
  });

  it("flags a chat whose check-in or notice WhatsApp's closed window kept from the contact", () => {
    const ctx = qaContext();
    const shifts = Object.values(qaState(playWeekend()).shifts);
    const record = Object.values(shifts[0]?.chats ?? {})[0];
    if (!record) throw new Error('no record in the seed');
    record.notSent = ['checkin', 'notice'];
    const flag = plantaoSummary(shifts, ctx.qa, ctx.calendar, ctx.roster).flags.find((f) => f.kind === 'nao-enviada');
    expect(flag?.chats).toEqual([String(record.chatNumber ?? record.chatId)]);
    expect(flag?.detail).toContain('uma verificação, o aviso de fim de plantão');
    expect(flag?.detail).toContain('24 horas');
  });

  it('takes its thresholds from the settings: a longer wait allowed, more chats for a pasted text', () => {
    const ctx = qaContext();
    const lenient = { ...ctx.qa, customerWaitMinutes: 40, cannedMinChats: 4 };
    const { flags } = plantaoSummary(Object.values(qaState(playWeekend()).shifts), lenient, ctx.calendar, ctx.roster);
    expect(flags.filter((f) => f.kind === 'tempo-parado').map((f) => f.chats.join())).toEqual(['106']);
    expect(flags.some((f) => f.kind === 'frases-padrao')).toBe(false);
  });

  it("sends the report at Monday's opening to the QA lead, never on the weekend nor to one on vacation, with the flags and the page's link", () => {
    const driver = playWeekend('2026-11-23T07:59:00');
    expect(toQa(driver.effects)).toEqual([]);
    const monday = driver.advanceTo('2026-11-23T08:00:00-03:00');
    const reports = toQa(monday);
    expect(reports.map((e) => e.to)).toEqual([{ login: 'quiteria.qa' }]);
    const text = reports[0]?.text ?? '';
    expect(text).toMatch(/^(Bom dia|Olá), Quitéria/);
    expect(text).toContain('sábado, 21/11 e domingo, 22/11');
    expect(text).toContain('8 chats com 2 técnicos');
    expect(text).toContain('2 pendências (repassadas a Bruno Costa)');
    expect(text).toContain('Chats 102, 103, 104 (Diego Rocha): o mesmo texto em 3 chats');
    expect(text).toContain('Chat 101 (Diego Rocha): o cliente esperou 40 min sem resposta');
    expect(text).toContain('Chat 103 (Diego Rocha): chat encerrado sem informar o horário');
    expect(text).toContain('Chat 104 (Diego Rocha): disse que não atendemos ligações');
    expect(text).toContain('Chat 105 (Eva Martins): perguntou se o cliente teve treinamento');
    expect(text).toContain('Chat 106 (sem técnico): o cliente ficou sem resposta no fim do plantão');
    expect(text).toContain('http://localhost:3000/painel?plantao=2026-11-23#plantao');
    expect(toQa(driver.advanceTo('2026-11-30T09:00:00-03:00'))).toEqual([]); // once
    const state = driver.state('ops:qa') as QaState;
    expect(state.reports['2026-11-23']).toMatchObject({ to: ['Quitéria Alves'] });
    expect(state.reports['2026-11-23']?.flags).toHaveLength(7);
  });

  // Found by an outside tester (2026-12-07): a customer waited 8 hours, and nobody heard of it before QA's Monday report.
  it('tells the on-call manager, during the shift, of a contact left waiting as long as QA counts against it, once per wait', () => {
    const driver = playWeekend('2026-11-23T07:59:00');
    const alerts = driver.effects.flatMap((e) => (e.type === 'karoo.proactive' && 'login' in e.to && isWaitAlert(e.text) ? [e] : []));
    const about101 = alerts.filter((e) => e.text.includes('(chat 101)'));
    expect(about101).toHaveLength(1);
    expect(about101[0]?.to).toEqual({ login: 'marcos.gerente' });
    expect(about101[0]?.text).toMatch(/desde \d\d:\d\d/);
    expect(about101[0]?.text).toContain('plantão de Implantação');
  });

  it('with every QA lead on vacation, tells the on-call manager instead, and ops', () => {
    const roster = QA_ROSTER.replace('role: qa }', 'role: qa, vacations: [{ from: 2026-11-23, to: 2026-11-23 }] }');
    const driver = playWeekend('2026-11-23T08:00:00', qaContext(roster));
    expect(toQa(driver.effects).map((e) => e.to)).toEqual([{ login: 'marcos.gerente' }]);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'log', level: 'error', message: expect.stringContaining('no QA lead available') }));
  });

  it('forgets the shifts older than the retention, on the injected clock', () => {
    const driver = playWeekend('2026-11-23T09:00:00');
    expect(Object.keys(qaState(driver).shifts)).toHaveLength(2);
    driver.now = new Date('2027-02-20T06:00:00-03:00'); // 90.5 days after Saturday's shift ended, 89.75 after Sunday's
    driver.apply('ops:qa', { kind: 'internal', event: { id: 'tick-1', type: 'forward', name: 'qa.noop', data: {} } });
    expect(Object.keys(qaState(driver).shifts)).toEqual(['2026-11-22-08:00-2']);
    driver.now = new Date('2027-02-21T12:00:00-03:00');
    driver.apply('ops:qa', { kind: 'internal', event: { id: 'tick-2', type: 'forward', name: 'qa.noop', data: {} } });
    expect(qaState(driver)).toMatchObject({ shifts: {}, reports: {} });
  });
});

describe("the technicians' words QA looks for", () => {
  it.each([
    ['no plantao nao atendemos ligacao, so pelo chat', 'calls'],
    ['Não atendemos ligações aos sábados.', 'calls'],
    ['aqui n recebemos chamada telefonica, so chat', 'calls'],
    ['ligacoes nao sao atendidas no plantao', 'calls'],
    ['vc nao teve treinamento? isso ta no manual', 'training'],
    ['Você fez o treinamento? Isso foi explicado.', 'training'],
    ['o senhor nao fez o treinamento de nfce?', 'training'],
    ['nao te ensinaram isso no treinamento?', 'training'],
    ['Pode ligar sim, atendemos ligações pelo 0800.', null],
    ['quer agendar um treinamento? é com o setor na segunda', null],
    ['tem treinamento agendado pra terça', null],
    ['vou te ligar em 5 minutos', null],
  ])('%s → %s', (text, kind) => {
    expect(badWording(text)).toBe(kind);
  });

  it.each([
    ['O plantão vai até as 18h.', true],
    ['atendemos ate 18:00, segunda a partir das 8h', true],
    ['voltamos segunda 8 horas', true],
    ['Pronto, reconfigurei a porta.', false],
    ['codigo 000555, serie 123', false],
  ])('hours in "%s": %s', (text, told) => {
    expect(mentionsHours(text)).toBe(told);
  });

  it('compares pasted texts without the greeting and the name, and ignores short ones', () => {
    const body = 'para agilizarmos o seu atendimento informe o código do cliente e o número de série';
    const a = phraseOf(`Olá, Sérgio! ${body}`, 'Sérgio Lima');
    const b = phraseOf(`Prezado cliente, ${body}.`, 'Paula Reis');
    expect(a?.hash).toBe(b?.hash);
    expect(phraseOf('Bom dia, tudo bem? Vou verificar.', 'Paula')).toBeNull();
  });
});

// Found by an outside tester (2026-12-07, later): the flag "Não atendemos ligações" quoted 80 characters of a greeting and a
// pasted formula, cut before the words it counts.
describe('the words QA counts, quoted', () => {
  it('an excerpt of a long line shows the words counted, cut by code points', () => {
    const r = newRecord('c1', 1, 'suporte', 'Ana', false);
    const line = 'Olá! 🌸 <script>alert(1)</script> =HYPERLINK("http://x","y") vamos verificar, você sabe que não atendemos ligações no plantão, certo?';
    technicianWrote(r, { login: 'diego', name: 'Diego' }, line, new Date('2026-11-21T13:00:00Z'), ['calls']);
    const [said] = r.wording;
    expect(said?.excerpt).toContain('não atendemos ligações');
    expect(Array.from(said?.excerpt ?? '').length).toBeLessThanOrEqual(80);
    technicianWrote(r, { login: 'diego', name: 'Diego' }, 'você não teve treinamento?', new Date('2026-11-21T13:01:00Z'), ['training']);
    expect(r.wording[1]?.excerpt).toBe('você não teve treinamento?');
  });
});
