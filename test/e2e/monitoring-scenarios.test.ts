import { afterEach, describe, expect, it } from 'vitest';
import { makeEvent } from '../helpers/build.js';
import { sandboxChatId } from '../../src/sandbox/sandbox-store.js';
import { Harness } from '../helpers/harness.js';

const PARECER = 'Cliente satisfeito e teve algumas dúvidas.';
const PHONE = '+5521999990000';
const CUSTOMER_CHAT = sandboxChatId(PHONE); // the chat Karoo opens for the follow-up (the fake numbers it as the sandbox does)

let h: Harness;
afterEach(async () => {
  await h.stop();
});

async function start(at = '2026-11-23T10:00:00-03:00', env: Record<string, string> = {}): Promise<Harness> {
  h = await new Harness(at, env).start();
  return h;
}

async function closeImplantation(): Promise<void> {
  await h.agentSays(`finalizei a implantação do cliente 123. Parecer: ${PARECER}`);
  await h.agentSays('2026110900017');
}

/** Runs one week as "contact made" with the given menu choice and summary. */
async function weekA(due: string, choice: string, summary: string): Promise<void> {
  await h.advanceTo(due);
  await h.customerSays(CUSTOMER_CHAT, 'tudo certo');
  await h.agentSays('sim, com demanda');
  await h.agentSays(choice);
  await h.agentSays(summary);
}

describe('monitoring scenarios', () => {
  // An hour before the close, while the agent can still call (found by an outside tester: it came at 18:00 on a Friday).
  it('passes an unanswered follow-up to the agent an hour before the next business day closes, and reminds an unanswered check-in', async () => {
    await start();
    await closeImplantation();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(1);
    const before = h.toAgent().length;
    await h.advanceTo('2026-12-01T16:59:00-03:00');
    expect(h.toAgent()).toHaveLength(before);
    await h.advanceTo('2026-12-01T17:00:00-03:00');
    expect(h.lastToAgent()).toMatch(/ainda não respondeu/);
    expect(h.lastToAgent()).toMatch(/telefone/);
    // Nobody answers the bot: reminded the next business morning.
    await h.advanceTo('2026-12-02T08:00:00-03:00');
    expect(h.lastToAgent()).toMatch(/lembrete|pendente/i);
    expect(h.lastToAgent()).toContain('Padaria Pão Quente');
  });

  it('reminds an unanswered check-in each business morning up to MONITORING_MAX_REMINDERS, never twice in the same words, and says which is the last', async () => {
    await start();
    await closeImplantation();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.advanceTo('2026-12-01T18:00:00-03:00');
    const asked = h.toAgent().length;
    // 02/12 (Wed) to 08/12 (Tue): five business mornings (the weekend skipped), then silence.
    for (const day of ['02', '03', '04', '05', '06', '07', '08', '09', '10', '11']) await h.advanceTo(`2026-12-${day}T09:00:00-03:00`);
    const reminders = h.toAgent().slice(asked);
    expect(reminders).toHaveLength(5);
    expect(new Set(reminders).size).toBe(5);
    // Not only their numbers differ: two in a row are worded apart (found in the sandbox: the 3rd and 4th read the same).
    const wording = reminders.map((r) => r.replace(/\d+/g, '#'));
    for (const [i, w] of wording.entries()) if (i > 0) expect(w).not.toBe(wording[i - 1]);
    for (const r of reminders) expect(r).toContain('Padaria Pão Quente (000123)');
    // From the second on, the week's pending date and what a "não" does in week 1 (the salesperson).
    for (const r of reminders.slice(1)) expect(r).toContain('segunda-feira, 30/11');
    for (const r of reminders.slice(1, 4)) expect(r).toMatch(/vendedor responsável/);
    expect(reminders.slice(0, 4).join('\n')).not.toMatch(/último/i);
    expect(reminders[4]).toMatch(/^Último lembrete/);
    // Found by an outside tester (2026-12-07): a check-in left with the implanter for months, nobody told. The supervisor hears
    // once, with the last reminder.
    const toSupervisor = h.toAgent('carla.supervisora');
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0]).toContain('O contato da 1ª semana do monitoramento pós-implantação de Padaria Pão Quente (000123) está sem registro desde segunda-feira, 30/11');
    expect(toSupervisor[0]).toContain('não respondeu aos 5 lembretes');
  });

  it('week 1 without contact: no 000029, the 2266 goes to the salesperson, who is told and whose return resumes the cycle', async () => {
    await start();
    await closeImplantation();
    const t = h.bimer.ticket2266();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.advanceTo('2026-12-01T18:00:00-03:00');
    await h.agentSays('não consegui contato');
    expect(h.bimer.ticketsOfType('000029')).toHaveLength(0);
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000V1', DataProvidenciar: '2026-12-01T18:00:00' });
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)?.Observacao).toMatch(/não conseguiu contato/);
    expect(h.bimer.ticket2266().Texto).toContain('(x) primeira semana — sem contato com o cliente; 2266 delegado ao vendedor responsável em 01/12/2026');
    expect(h.toAgent('pedro.vendas').at(-1)).toContain('Padaria Pão Quente');

    // While waiting, the agent is reminded every MONITORING_SELLER_REMINDER_DAYS (2) business days.
    await h.advanceTo('2026-12-03T07:59:00-03:00');
    expect(h.lastToAgent()).not.toMatch(/^Lembrete/);
    await h.advanceTo('2026-12-03T08:00:00-03:00');
    expect(h.lastToAgent()).toMatch(/^Lembrete: o monitoramento de Padaria Pão Quente \(000123\) segue com o vendedor \(Pedro Alves\) desde terça-feira, 01\/12/);

    // The salesperson answers the bot in their own chat.
    await h.agentSays('retornei do cliente 123: cliente estava viajando, pode ligar amanhã', 'pedro.vendas', 'Pedro Alves');
    expect(h.lastToAgent('pedro.vendas')).toMatch(/repassar/);
    expect(h.bimer.ticket2266().Texto).toContain('vendedor retornou em 03/12/2026: cliente estava viajando, pode ligar amanhã');
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000J1' });
    expect(h.lastToAgent()).toContain('1ª semana');
    expect(h.lastToAgent()).toContain('cliente estava viajando');

    // Week 1 is tried again and now succeeds: scenario A closes the line, which keeps how it got there.
    await h.agentSays('sim');
    await h.agentSays('apenas ok');
    await h.agentSays('Cliente retornou, tudo funcionando.');
    const w1 = h.bimer.tickets.at(-1)!;
    expect(w1.CodigoTipoAtendimento).toBe('000029'); // "apenas ok" is 000029 by default
    expect(h.bimer.ticket2266().Texto).toContain(
      `(x) primeira semana — sem contato com o cliente; 2266 delegado ao vendedor responsável em 01/12/2026 (sem 000029, conforme a regra da 1ª semana); vendedor retornou em 03/12/2026: cliente estava viajando, pode ligar amanhã; contato: Cliente retornou, tudo funcionando — protocolo ${w1.Protocolo}`,
    );
  });

  it('weeks 2 and 3 without contact: a 000029 registers each attempt, linked on the line, then the supervisor', async () => {
    await start();
    await closeImplantation();
    const t = h.bimer.ticket2266();
    await weekA('2026-11-30T08:00:00-03:00', '1', 'Dúvida sobre sangria de caixa.');
    // Each week the follow-up goes unanswered until the end of the next business day, and the
    // agent records it then: the next week is still due on its weekday, 7 days after the last was due
    // (found by an outside tester: "+7 days" from each record drifted Mon → Tue → Wed).
    for (const [due, windowEnd, week] of [
      ['2026-12-07T08:00:00-03:00', '2026-12-08T18:00:00-03:00', 'segunda'],
      ['2026-12-14T08:00:00-03:00', '2026-12-15T18:00:00-03:00', 'terceira'],
    ] as const) {
      expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ DataProvidenciar: due.slice(0, 19) });
      await h.advanceTo(due);
      await h.advanceTo(windowEnd);
      expect(h.lastToAgent()).toMatch(/ainda não respondeu/);
      await h.agentSays('não, caixa postal de novo');
      const attempt = h.bimer.tickets.at(-1)!;
      expect(attempt).toMatchObject({ CodigoTipoAtendimento: '000029', IdentificadorAtendimentoVinculado: t.Identificador });
      expect(h.bimer.ticket2266().Texto).toContain(`(x) ${week} semana — tentativa de contato sem retorno — protocolo ${attempt.Protocolo}`);
    }
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000S1' });
    expect(h.lastToAgent()).not.toMatch(/continua aberto/);
  });

  it('registers the RSP when the agent asks, and links it to the 2266', async () => {
    await start();
    await h.agentSays('finalizei a implantação do cliente 000123');
    await h.agentSays(PARECER);
    await h.agentSays('ainda não, registrar');
    const [rsp] = h.bimer.ticketsOfType('000030').filter((t) => t.ChaveExterna.startsWith('karoo-bot:rsp:'));
    expect(rsp).toMatchObject({ IdentificadorCliente: '00A0000SQ4', IdentificadorUsuarioResponsavel: '00A00000J1' });
    expect(rsp?.Texto).toContain(PARECER);
    expect(h.bimer.ticket2266().IdentificadorAtendimentoVinculado).toBe(rsp?.Identificador);
    expect(h.lastToAgent()).toContain(`vinculado ao RSP ${rsp?.Protocolo}`);
  });

  /** Week 1: the customer reports a problem, João had contact and picks 000025: the summary or a protocol is asked next. */
  const weekOneSupportDemand = async () => {
    await start();
    await closeImplantation();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.customerSays(CUSTOMER_CHAT, 'o cupom fiscal está rejeitando');
    await h.agentSays('sim');
    await h.agentSays('4');
  };

  it('links a ticket the agent already opened instead of creating one', async () => {
    await weekOneSupportDemand();
    // The ticket João opened for the contact himself (a 000025 of the same customer).
    h.bimer.tickets.push({ Identificador: '00A0SUP042', Protocolo: '2026113000042', CodigoTipoAtendimento: '000025', Texto: 'cupom rejeitado', ChaveExterna: '', IdentificadorCliente: '00A0000SQ4', IdentificadorAtendimentoVinculado: null, Situacao: 'A' });
    const before = h.bimer.tickets.length;
    await h.agentSays('2026113000042');
    expect(h.bimer.tickets).toHaveLength(before);
    expect(h.bimer.ticket2266().Texto).toContain('(x) primeira semana — Erro Sist. SUP registrado pelo agente — protocolo 2026113000042');
  });

  // Found by an outside tester: the implantation's own RSP was taken for the week's ticket.
  it("never takes the RSP for the week's ticket: each contact has its own", async () => {
    await weekOneSupportDemand();
    await h.agentSays('2026110900017');
    expect(h.lastToAgent()).toContain('RSP');
    expect(h.bimer.ticket2266().Texto).toContain('( ) primeira semana');
    await h.agentSays('o cupom rejeitava por causa do certificado vencido, renovamos');
    expect(h.bimer.ticketsOfType('000025')).toHaveLength(1);
    expect(h.bimer.ticket2266().Texto).toMatch(/\(x\) primeira semana — o cupom rejeitava/);
  });

  it('moves a due date that falls on a holiday to the next business morning', async () => {
    await start('2026-11-13T15:00:00-03:00'); // Friday; +7 days is Consciência Negra (20/11)
    await closeImplantation();
    expect(h.bimer.ticket2266().DataProvidenciar).toBe('2026-11-23T08:00:00');
    expect(h.lastToAgent()).toContain('segunda-feira, 23/11 às 08:00');
    await h.advanceTo('2026-11-20T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(0);
    await h.advanceTo('2026-11-23T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(1);
  });

  // (A check-in time outside the business hours is refused at start: test/config.test.ts. A week due on a
  // Saturday, left there by MONITORING_MOVE_TO_BUSINESS_DAY=false, is the way left to reach one.)
  it('never messages a customer out of business hours', async () => {
    await start('2026-11-21T10:00:00-03:00', { MONITORING_MOVE_TO_BUSINESS_DAY: 'false' });
    await closeImplantation();
    await h.advanceTo('2026-11-28T12:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(0);
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(1);
  });

  it('honours a customer who opts out', async () => {
    await start();
    await closeImplantation();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.customerSays(CUSTOMER_CHAT, 'Não quero mais mensagens, obrigado');
    expect(h.karoo.inChat(CUSTOMER_CHAT).at(-1)).toMatch(/não envio mais mensagens/i);
    expect(h.toAgent().join('\n')).toMatch(/não receber mais mensagens/);
    // The check-in does not say the customer has not answered: they did, asking for the phone instead.
    expect(h.lastToAgent()).toMatch(/contato desta semana é por telefone/);
    expect(h.lastToAgent()).not.toMatch(/ainda não respondeu/);
    // Found by an outside tester: said twice in a row, and "não mandei o acompanhamento" when it had been sent.
    expect(h.toAgent().filter((m) => /não receber mais mensagens/.test(m))).toHaveLength(1);
    expect(h.lastToAgent()).not.toMatch(/não mandei/);
    await h.agentSays('sim');
    await h.agentSays('5');
    await h.agentSays('Liguei, tudo certo.');
    // The opt-out ended the link: a later message is an ordinary chat message, not relayed.
    const told = h.toAgent().length;
    const said = h.karoo.inChat(CUSTOMER_CHAT).length;
    await h.customerSays(CUSTOMER_CHAT, 'oi, outra coisa: como cadastro um fornecedor?');
    expect(h.toAgent()).toHaveLength(told);
    expect(h.karoo.inChat(CUSTOMER_CHAT)).toHaveLength(said);
    await h.advanceTo('2026-12-07T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(1); // only week 1's
    expect(h.lastToAgent()).toContain('2ª semana');
    expect(h.lastToAgent()).toMatch(/não receber mais mensagens automáticas.*por telefone/);
  });

  it('never creates a ticket twice when a create answer is lost', async () => {
    await start();
    h.bimer.loseNextCreateAnswer = true;
    await closeImplantation();
    expect(h.bimer.ticketsOfType('2266')).toHaveLength(1);
    expect(h.bimer.posts).toBe(1);
    expect(h.lastToAgent()).toContain(h.bimer.ticket2266().Protocolo);
  });

  it('keeps going through a Bimer outage: retried, nothing lost', async () => {
    await start();
    await h.agentSays(`finalizei a implantação do cliente 123. Parecer: ${PARECER}`);
    h.bimer.failNext = 8;
    await h.agentSays('2026110900017');
    expect(h.bimer.failNext).toBe(0);
    expect(h.bimer.ticketsOfType('2266')).toHaveLength(1);
    expect(h.bimer.delegationsOf(h.bimer.ticket2266().Identificador)).toHaveLength(1);
    expect(h.lastToAgent()).toContain(h.bimer.ticket2266().Protocolo);
  });

  it('delegates once when Bimer performs a delegation but its answer is lost', async () => {
    await start();
    await closeImplantation();
    const t = h.bimer.ticket2266();
    expect(h.bimer.delegationsOf(t.Identificador)).toHaveLength(1);

    // Week 1 without contact: the hand-over to the salesperson loses its answer; sent once only.
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.advanceTo('2026-12-01T18:00:00-03:00');
    h.bimer.loseNextDelegationAnswer = true;
    await h.agentSays('não consegui contato');
    expect(h.bimer.delegationsOf(t.Identificador).filter((d) => d.IdentificadorUsuario === '00A00000V1')).toHaveLength(1);
    expect(h.bimer.ticket2266()).toMatchObject({ IdentificadorUsuarioResponsavel: '00A00000V1', DataProvidenciar: '2026-12-01T18:00:00' });
    expect(h.lastToAgent('pedro.vendas')).toContain('Padaria Pão Quente');
  });

  it('survives a bot restart between weeks', async () => {
    await start();
    await closeImplantation();
    await h.restart();
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    expect(h.karoo.toPhone(PHONE)).toHaveLength(1);
    await h.customerSays(CUSTOMER_CHAT, 'tudo certo');
    expect(h.lastToAgent()).toContain('1ª semana');
  });

  it('processes the same webhook delivered twice only once', async () => {
    await start();
    const event = makeEvent({ chatId: 'ch_agent_joao.silva', department: 'bot', kind: 'agent', login: 'joao.silva', text: 'finalizei a implantação do cliente 123' });
    expect(await h.post(event)).toBe(202);
    expect(await h.post(event)).toBe(200);
    await h.idle();
    expect(h.toAgent().filter((t) => t.includes('conferindo o cliente'))).toHaveLength(1);
    expect(h.toAgent().filter((t) => t.includes('Qual é o seu parecer'))).toHaveLength(1);
  });

  it('answers the agent commands and anything else with a short help', async () => {
    await start();
    await closeImplantation();
    const protocolo = h.bimer.ticket2266().Protocolo;
    await h.agentSays('meus monitoramentos');
    expect(h.lastToAgent()).toContain('Padaria Pão Quente (000123) — 1ª semana');
    expect(h.lastToAgent()).toContain('30/11');
    await h.agentSays(`status ${protocolo}`);
    expect(h.lastToAgent()).toContain('( ) primeira semana');
    await h.agentSays('status 999999999');
    expect(h.lastToAgent()).toMatch(/Não encontrei/);
    await h.agentSays('ajuda');
    expect(h.lastToAgent()).toContain('meus monitoramentos');
    await h.agentSays('qual a previsão do tempo?');
    expect(h.lastToAgent()).toContain('finalizei a implantação');
  });

  it('tells the agent when the customer code does not exist', async () => {
    await start();
    await h.agentSays('terminei a implantação do cliente 4242');
    expect(h.lastToAgent()).toMatch(/Não encontrei o cliente 004242/);
  });
});
