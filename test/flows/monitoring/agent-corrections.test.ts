import { describe, expect, it } from 'vitest';
import { monitoringStory } from '../../helpers/monitoring-story.js';
import { PARECER_MAX } from '../../../src/flows/dialogs/close.js';
import type { AgentState } from '../../../src/flows/agent-state.js';
import { monitoringRows } from '../../../src/painel/monitorings.js';
import { flowContext } from '../../helpers/monitoring.js';

/**
 * The implanter changes their mind or corrects themselves (found by an outside tester, who typed
 * as a busy agent does): a cancel said with a "não", a check-in asked for before its date and
 * dropped, a demand corrected where its summary is asked, a week already recorded said to be
 * wrong, the RSP given for the week's ticket. Nothing recorded that was not meant, nothing lost.
 */

/** João closed the implantation on Monday 23/11; the week-1 follow-up is due Monday 30/11 08:00. */
function closed() {
  const story = monitoringStory('2026-11-23T10:00:00-03:00');
  story.close();
  return story;
}

/** …and the week-1 check-in is open: the customer did not answer, João is asked on Tuesday evening. */
function inCheckin() {
  const story = closed();
  story.at('2026-11-30T08:01:00');
  story.at('2026-12-01T18:01:00');
  return story;
}

/** The 2266's line of a week, as last written (created, then replaced week by week). */
const line = (story: ReturnType<typeof closed>, week: string) => {
  const texts = [...story.tickets.filter((t) => t.typeCode === '2266').map((t) => t.text), ...story.asked.flatMap((op) => (op.op === 'replaceText' ? [op.text] : []))];
  return texts.at(-1)?.split('\n').find((l) => l.includes(week));
};

describe('the implanter corrects themselves', () => {
  it('"opa, na vdd deixa, cancela, ainda nao eh a semana dele" is a cancel, not a week without contact', () => {
    const story = inCheckin();
    const said = story.toAgent(story.agentSays('opa, na vdd deixa, cancela, ainda nao eh a semana dele'));
    expect(said.join(' ')).toMatch(/deixei de lado/);
    expect(said.join(' ')).not.toMatch(/vendedor/);
    expect(story.asked.filter((op) => op.op === 'delegate')).toHaveLength(1); // the 2266's own, at the close
  });

  it('a check-in asked for the day of the close and dropped goes back to its date: no reminders before it, the follow-up on it', () => {
    const story = closed();
    const asked = story.toAgent(story.agentSays('monitoramento do cliente 123')).join(' ');
    expect(asked).toContain('adiantar');
    expect(asked).toContain('segunda-feira, 30/11');
    const dropped = story.toAgent(story.agentSays('cancela')).join(' ');
    expect(dropped).toContain('segunda-feira, 30/11');
    expect(story.toAgent(story.at('2026-11-27T18:00:00'))).toEqual([]);
    const due = story.at('2026-11-30T08:01:00');
    expect(story.toPhone(due)).toHaveLength(1);
  });

  // Found by an outside tester: the three weeks were recorded, and the 2266 handed to supervision, the day of the close.
  it('the next week is not brought forward onto the one just recorded: one contact a week, the cycle fixed at 3 weeks', () => {
    const story = closed();
    story.agentSays('monitoramento do cliente 123');
    story.agentSays('sim, falei com ele agora, duvida no pdv pra fechar o caixa');
    const m = () => Object.values((story.driver.state('agent:joao.silva') as AgentState).monitorings)[0];
    expect(m()?.weeks[1]?.code).toBe('000001');
    expect(m()).toMatchObject({ week: 2, phase: 'scheduled' });
    const refused = story.toAgent(story.agentSays('monitoramento do cliente 123')).join(' ');
    expect(refused).toContain('A 1ª semana de Padaria Pão Quente (000123) foi registrada hoje');
    expect(refused).toContain('um contato por semana');
    expect(m()).toMatchObject({ week: 2, phase: 'scheduled' });
    story.agentSays('sim, tudo ok');
    expect(m()?.weeks[2]).toBeUndefined();
    // Five days on, the second week may be told before its date.
    story.at('2026-11-28T10:00:00');
    expect(story.toAgent(story.agentSays('monitoramento do cliente 123')).join(' ')).toContain('adiantar o contato da 2ª semana');
  });

  // Found by an outside tester: after the week-2 "não" (its 000029 opened), "errei, ele me ligou de volta…" got an FAQ answer,
  // and "me enganei, falei sim com o cliente 123 essa semana" recorded the third week the same day.
  it('a contact told just after the week-2 "no" says where to correct that week, and records no other', () => {
    const story = closed();
    story.agentSays('monitoramento do cliente 123');
    story.agentSays('sim, falei com ele agora, duvida no pdv pra fechar o caixa');
    story.at('2026-12-07T08:01:00');
    story.at('2026-12-08T18:01:00');
    story.agentSays('nao atendeu');
    const m = () => Object.values((story.driver.state('agent:joao.silva') as AgentState).monitorings)[0];
    expect(m()?.weeks[2]?.code).toBe('000029');
    for (const text of ['pera, errei, ele me ligou de volta agora, fez o fechamento do caixa errado e corrigi com ele', 'me enganei, falei sim com o cliente 123 essa semana']) {
      const said = story.toAgent(story.agentSays(text)).join(' ');
      expect(said).toMatch(/Para corrigir a 2ª semana de Padaria Pão Quente \(000123\), edite a linha dela no 2266/);
      expect(m()).toMatchObject({ week: 3, phase: 'scheduled' });
      expect(m()?.weeks[3]).toBeUndefined();
    }
  });

  // Found by an outside tester (2026-12-07): a correction of week 3 after the hand-over got what a 000002 is.
  it('a correction of week 3 after the hand-over says where to correct it and to tell the supervisor, and changes nothing', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.close();
    for (const [due, ask] of [['2026-11-30T08:00:00', '2026-12-01T18:00:00'], ['2026-12-07T08:00:00', '2026-12-08T18:00:00'], ['2026-12-14T08:00:00', '2026-12-15T18:00:00']] as const) {
      story.at(due);
      story.at(ask);
      story.agentSays('sim, tirei duvida do caixa, sangria explicada');
    }
    const m = () => Object.values((story.driver.state('agent:joao.silva') as AgentState).monitorings)[0];
    expect(m()?.phase).toBe('done');
    const effects = story.agentSays('errei, a 3a semana da padaria foi erro de operacao, nao duvida');
    const said = story.toAgent(effects).join(' ');
    expect(said).toContain('Para corrigir a 3ª semana, edite a linha dela no 2266 direto no Bimer');
    expect(said).toContain('avise a supervisão');
    expect(said).not.toMatch(/é quando o cliente fez algo errado/);
    expect(effects.filter((e) => e.type === 'bimer')).toEqual([]);
    // A cycle ended weeks ago is no longer the one meant.
    story.at('2027-01-15T10:00:00');
    expect(story.toAgent(story.agentSays('errei, a 3a semana da padaria foi erro de operacao, nao duvida')).join(' ')).not.toContain('Para corrigir a 3ª semana');
  });

  // Found by an outside tester: "vou ligar dia 11 como ela pediu" was reminded the next business day, then every morning before the 11th.
  it('a contact put off to a day the implanter names is reminded that day, not the next morning', () => {
    const story = inCheckin(); // Tuesday 01/12, 18:01
    const said = story.toAgent(story.agentSays('ainda nao liguei, vou ligar dia 11 como ela pediu')).join(' ');
    expect(said).toContain('fica para sexta-feira, 11/12');
    expect(story.toAgent(story.at('2026-12-02T08:01:00'))).toEqual([]);
    expect(story.toAgent(story.at('2026-12-10T08:01:00'))).toEqual([]);
    expect(story.toAgent(story.at('2026-12-11T08:01:00')).join(' ')).toMatch(/1ª semana/);
  });

  // Found by an outside tester (2026-12-07): "ainda nao liguei, a Maria pediu pra ligar dia 1" went to the salesperson as no contact
  // (a 000029 in week 2): the customer asked for the call later, nobody tried yet.
  it.each([
    ['ainda nao liguei, a Maria pediu pra ligar dia 11', 'sexta-feira, 11/12'],
    ['ainda nao liguei, ela pediu pra ligar so na sexta dia 11 de manha', 'sexta-feira, 11/12'],
    ['combinei com ela de ligar dia 11', 'sexta-feira, 11/12'],
  ])('a call the customer asked to have later, "%s", is put off to the day named, never the week\'s no', (text, day) => {
    const story = inCheckin(); // Tuesday 01/12, 18:01
    const effects = story.agentSays(text);
    expect(story.toAgent(effects).join(' ')).toContain(`fica para ${day}`);
    expect(effects.filter((e) => e.type === 'bimer')).toEqual([]);
    expect(story.toLogin('pedro.vendas', effects)).toEqual([]);
  });

  // Found by an outside tester: "Vamos adiantar o contato da 3ª semana…, previsto para terça-feira, 29/12 às 08:00" at 08:00 that day.
  it('a check-in asked for at the week\'s own date and hour, its timer not yet run, is not "early"', () => {
    const story = closed();
    story.at('2026-11-30T07:59:00');
    story.driver.now = new Date('2026-11-30T08:00:00-03:00'); // the agent's message reaches the bot before the week's timer
    const asked = story.toAgent(story.agentSays('monitoramento do cliente 123')).join(' ');
    expect(asked).toContain('É hora do contato da 1ª semana');
    expect(asked).not.toContain('adiantar');
  });

  it('a check-in asked for early and left unanswered still brings the follow-up on its date', () => {
    const story = closed();
    story.agentSays('monitoramento do cliente 123');
    expect(story.toAgent(story.at('2026-11-27T18:00:00'))).toEqual([]);
    expect(story.toPhone(story.at('2026-11-30T08:01:00'))).toHaveLength(1);
    // …and the check-in comes back after the customer's window, as any week's.
    expect(story.toAgent(story.at('2026-12-01T18:01:00')).join(' ')).toContain('É hora do contato da 1ª semana');
  });

  it('"ops, errei, era o 3. bug na geração do sped…" where the summary is asked: a 000003 with that summary', () => {
    const story = inCheckin();
    story.agentSays('sim');
    story.agentSays('2');
    story.agentSays('ops, errei, era o 3. bug na geracao do sped q vai pro dsn');
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual(['000003']);
    expect(specific[0]?.text).toMatch(/^bug na geracao do sped q vai pro dsn/);
  });

  it.each([
    ['idle, the last week recorded', 'pera, errei! o q registrei era erro de operacao, corrige ai pf', 'idle'],
    ['idle, the week named', 'quero corrigir a semana 1 do cliente 123, teve contato sim', 'idle'],
    ['in the next check-in', 'nao, eh a 1a semana q ta errada, nao a 2a', 'checkin'],
    ['in the next check-in, with a question', 'falei sim, mas pera, errei semana passada: o q registrei na semana 1 era duvida de preco, da p arrumar?', 'checkin'],
    // Found by an outside tester (2026-12-07): right after the record it got what a 000002 is, not where to correct it.
    ['idle, just after the record, the demand named again', 'ops errei, era erro de operacao nao duvida, ela digitou o vencimento errado', 'idle'],
  ])('a week already recorded said to be wrong (%s): where to correct it, nothing recorded', (_name, text, when) => {
    const story = inCheckin();
    story.agentSays('sim');
    story.agentSays('1');
    story.agentSays('duvida no relatorio de vendas');
    if (when === 'checkin') {
      story.at('2026-12-08T08:01:00');
      story.at('2026-12-09T18:01:00');
    }
    const tickets = story.tickets.length;
    const said = story.toAgent(story.agentSays(text)).join(' ');
    expect(said).toContain('1ª semana');
    expect(said).toContain('direto no Bimer');
    expect(story.tickets).toHaveLength(tickets);
    expect(line(story, 'segunda semana')).toBe('( ) segunda semana');
    if (when === 'checkin') expect(said).toContain('houve contato com o cliente nesta semana');
  });

  it("the RSP given for the week's ticket is refused; \"abre você\" opens it with the summary already said", () => {
    const story = inCheckin();
    const said = story.toAgent(story.agentSays('liguei sim, ela tinha duvida na emissao de boleto, ja abri o atendimento, protocolo 2026110900017')).join(' ');
    expect(said).toContain('RSP');
    expect(line(story, 'primeira semana')).toBe('( ) primeira semana');
    story.agentSays('abre voce');
    expect(story.tickets.filter((t) => t.typeCode === '000001')).toHaveLength(1);
    expect(line(story, 'primeira semana')).toMatch(/^\(x\) primeira semana — ela tinha duvida na emissao de boleto/);
  });
});

describe('what the bot does not know', () => {
  it('shows what it can do with the first "não sei" of the day, not with every one', () => {
    const story = closed();
    const first = story.toAgent(story.agentSays('qual a cor do logo da empresa?')).join('\n');
    const second = story.toAgent(story.agentSays('e o wifi do escritorio qual e?')).join('\n');
    expect(first).toContain('meus monitoramentos');
    expect(second).not.toContain('meus monitoramentos');
    expect(second).toMatch(/não sei|Não encontrei/i);
  });
});

describe('week 1 with the salesperson (found by an outside tester)', () => {
  /** Week 1 without contact: the 2266 went to the salesperson Pedro (U9). */
  function withSeller() {
    const story = inCheckin();
    story.agentSays('nao, tentei o fixo e o cel');
    return story;
  }
  const toSeller = (story: ReturnType<typeof closed>) => story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9');

  // Found by an outside tester (2026-12-07): read as "ajuda", it got the help menu and the 2266 stayed with the salesperson.
  it('"o pedro me deu retorno, ela tava viajando, volta segunda" is the return the 2266 waits for', () => {
    const story = withSeller();
    const prompt = story.toAgent(story.agentSays('o pedro me deu retorno, ela tava viajando, volta segunda')).join(' ');
    expect(prompt).toContain('O vendedor deu retorno');
    expect(prompt).not.toMatch(/posso ajudar com/i);
  });

  // Found by an outside tester (2026-12-07): after the return, the reminders still said "não" would pass the 2266 to the salesperson.
  it('after the return, the reminders say what a second "não" does', () => {
    const story = withSeller();
    story.agentSays('o vendedor retornou do cliente 123: ela tava viajando');
    const reminders = [...story.at('2026-12-02T08:01:00'), ...story.at('2026-12-03T08:01:00'), ...story.at('2026-12-04T08:01:00')];
    const said = story.toAgent(reminders).join(' ');
    expect(said).toMatch(/registro a 1ª semana sem contato, com o retorno do vendedor/);
    expect(said).not.toMatch(/passo o 2266 ao vendedor/);
  });

  it("tells the salesperson's return as theirs, and a second week 1 without contact closes the week instead of bouncing the 2266 back", () => {
    const story = withSeller();
    expect(toSeller(story)).toHaveLength(1);
    const prompt = story.toAgent(story.agentSays('o pedro me deu retorno, eles tao de ferias coletivas e voltam dia 04/01')).join(' ');
    expect(prompt).toContain('O vendedor deu retorno');
    expect(prompt).not.toContain('O cliente escreveu');
    story.agentSays('ainda nao ne, te falei q eles so voltam dia 4');
    expect(toSeller(story)).toHaveLength(1);
    const week1 = line(story, 'primeira semana') ?? '';
    expect(week1).toContain('vendedor retornou');
    expect(week1).toContain('eles tao de ferias coletivas');
    expect(week1).toContain('nova tentativa sem contato');
    expect(story.tickets.filter((t) => t.typeCode === '000029')).toHaveLength(0);
    // Week 2 follows, a week later.
    expect(story.toPhone(story.at('2026-12-08T08:01:00'))).toHaveLength(1);
  });

  // Found playing the fresh clone (2026-12-07): the reminders promised to pass the 2266 to a salesperson the customer does not have.
  it("a customer with no salesperson: the check-in's reminders say what a \"não\" does then", () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 789. Parecer: Cliente satisfeito.');
    story.agentSays('2026110900017');
    story.at('2026-11-30T08:01:00');
    story.at('2026-12-01T18:01:00');
    const reminders = story.toAgent([...story.at('2026-12-02T08:01:00'), ...story.at('2026-12-03T08:01:00')]).join(' ');
    expect(reminders).toContain('não tem vendedor responsável no Bimer');
    expect(reminders).not.toContain('passo o 2266 ao vendedor');
  });

  // Found by an outside tester (2026-12-07): with no salesperson in Bimer, every "não" after a return left the 2266 in week 1 for good.
  it('a customer with no salesperson: reminded while waiting, and a second "não" after the return closes week 1 and the cycle goes on', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 789. Parecer: Cliente satisfeito.');
    story.agentSays('2026110900017');
    story.at('2026-11-30T08:01:00');
    story.at('2026-12-01T18:01:00');
    const told = story.toAgent(story.agentSays('nao consegui, ninguem atende')).join(' ');
    expect(told).toContain('não tem vendedor responsável');
    // …and the words to say when the return comes name no salesperson (found by an outside tester).
    expect(told).toContain('"retorno do cliente 000789: …"');
    expect(told).not.toContain('o vendedor retornou');
    const reminded = story.toAgent([...story.at('2026-12-03T08:01:00'), ...story.at('2026-12-04T08:01:00')]).join(' ');
    expect(reminded).toMatch(/Lembrete.*Loja Sem Vendedor.*sem vendedor responsável/);
    expect(story.toAgent(story.agentSays('status do cliente 789')).join(' ')).toContain('sem vendedor no Bimer');
    const [row] = monitoringRows([story.driver.state('agent:joao.silva') as AgentState], story.driver.now, flowContext().calendar);
    expect(row?.detail).toContain('cliente sem vendedor no Bimer');
    // Found by an outside tester (2026-12-07): listed "com o vendedor" while the indicators (rightly) counted it as not.
    expect(row?.state).toBe('sem vendedor');
    const back = story.toAgent(story.agentSays('a carla da supervisao me deu retorno do 789: tambem nao conseguiu falar com eles')).join(' ');
    expect(back).toContain('Chegou o retorno que esperávamos (o cliente não tem vendedor)');
    expect(back).toContain('tambem nao conseguiu falar com eles');
    const second = story.toAgent(story.agentSays('nao, continua sem atender')).join(' ');
    expect(second).toContain('segue para a 2ª semana');
    expect(story.tickets.filter((t) => t.typeCode === '000029')).toHaveLength(0);
    expect(line(story, 'primeira semana')).toContain('nova tentativa sem contato');
    expect(line(story, 'primeira semana')).toContain('retorno recebido (cliente sem vendedor)');
    expect(line(story, 'primeira semana')).not.toContain('vendedor retornou');
    // Week 2's follow-up goes a week later.
    expect(story.toPhone(story.at('2026-12-11T08:01:00'))).toHaveLength(1);
  });

  it('the implanter who reaches the customer first records week 1 without pretending a return of the salesperson', () => {
    const story = withSeller();
    story.agentSays('falei c ela agora, foi erro de operacao no cadastro de produto. registra a semana 1 ai');
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual(['000002']);
    expect(specific[0]?.text).toMatch(/^foi erro de operacao no cadastro de produto\n/);
    const week1 = line(story, 'primeira semana') ?? '';
    expect(week1).toContain('delegado ao vendedor');
    expect(week1).toContain('retomado pelo implantador');
    expect(week1).toContain('foi erro de operacao no cadastro de produto — protocolo');
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U1').length).toBeGreaterThanOrEqual(2);
  });

  // Found by a fifth outside tester: "nao pera, me enganei! a maria me respondeu…" right after the "no" got
  // "não sei responder", and the salesperson, asked to call the customer, was never told it was no longer needed.
  it('a correction right after the week-1 "no" takes the 2266 back, records the contact, and tells the salesperson', () => {
    const story = inCheckin();
    const asked = story.toLogin('pedro.vendas', story.agentSays('nao consegui ngm, liguei 3x e caiu na caixa postal'));
    expect(asked).toEqual([expect.stringContaining('foi delegado para você')]);
    const effects = story.agentSays('nao pera, me enganei! ela me respondeu no zap pessoal ontem a noite, disse q ta tudo certo, sem demanda');
    expect(story.toAgent(effects).join(' ')).not.toMatch(/não sei|Não sei/);
    expect(story.toLogin('pedro.vendas', effects)).toEqual([expect.stringMatching(/Pode desconsiderar o pedido sobre Padaria.*retomou o 2266/)]);
    expect(line(story, 'primeira semana') ?? '').toContain('retomado pelo implantador');
  });
});

describe('the request to record a week that already says how it went (found by an outside tester)', () => {
  it('"quero registrar a semana do 123, ja falei c ele hj por tel" is not asked "conseguiu falar?"', () => {
    const story = closed();
    story.at('2026-11-30T08:01:00');
    const said = story.toAgent(story.agentSays('quero registrar a semana do 123, ja falei c ele hj por tel')).join(' ');
    expect(said).not.toMatch(/conseguiu falar/i);
    expect(said).toContain("1) Dúvida — 000001");
  });

  it('"quero registrar a semana do 123, nao consegui falar com ele" is that no', () => {
    const story = closed();
    story.at('2026-11-30T08:01:00');
    const said = story.toAgent(story.agentSays('quero registrar a semana do 123, nao consegui falar com ele, liguei 2x')).join(' ');
    expect(said).not.toMatch(/conseguiu falar/i);
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9')).toHaveLength(1);
  });
});

describe('the implantation close, typed as agents type it (found playing the fresh clone)', () => {
  const fresh = () => monitoringStory('2026-11-23T10:00:00-03:00');
  const created2266 = (story: ReturnType<typeof fresh>) => story.tickets.filter((t) => t.typeCode === '2266');

  it('takes the parecer said after the code without its label, and the RSP with it', () => {
    const story = fresh();
    const said = story.toAgent(story.agentSays('terminei a implantacao do cliente 000123, cliente satisfeito mas teve duvida no fechamento de caixa, rsp 2026110900017')).join(' ');
    expect(said).not.toMatch(/qual é o seu parecer/i);
    expect(created2266(story)).toHaveLength(1);
    expect(created2266(story)[0]?.text).toContain('P: cliente satisfeito mas teve duvida no fechamento de caixa\n');
  });

  it('never takes "monitoramento do cliente 123" for the parecer', () => {
    const story = fresh();
    story.agentSays('finalizei a implantação do cliente 123');
    const said = story.toAgent(story.agentSays('monitoramento do cliente 123')).join(' ');
    expect(said).toMatch(/parecer/);
    expect(created2266(story)).toHaveLength(0);
    story.agentSays('Cliente satisfeito, equipe pegou rapido');
    story.agentSays('2026110900017');
    expect(created2266(story)[0]?.text).toContain('P: Cliente satisfeito, equipe pegou rapido\n');
  });

  // Found by an outside tester: "P: tb, cliente tranquilo, sem duvidas r", and the RSP asked for again.
  it.each([
    ['finalizei a implantacao do cliente 123 tb, cliente tranquilo, sem duvidas. rsp registrar', 'P: cliente tranquilo, sem duvidas\n'],
    ['finalizei a implantacao do cliente 123, parecer: cliente satisfeito. rsp: registrar', 'P: cliente satisfeito\n'],
  ])('"%s": the request to open the RSP is no part of the parecer, and the RSP is opened, not asked for', (text, line) => {
    const story = fresh();
    const said = story.toAgent(story.agentSays(text)).join(' ');
    expect(said).not.toMatch(/protocolo do RSP|Me passe o protocolo/);
    expect(story.tickets.filter((t) => t.typeCode !== '2266')).toEqual([expect.objectContaining({ text: expect.not.stringMatching(/registrar|rsp/i) })]);
    expect(created2266(story)[0]?.text).toContain(line);
  });

  it('keeps "rsp 55012" (no protocol) off the parecer, and says what a protocol looks like', () => {
    const story = fresh();
    story.agentSays('terminei a implantacao do 000123, rsp 55012 cliente ficou satisfeito mas teve duvida no fechamento de caixa');
    const again = story.toAgent(story.agentSays('55012')).join(' ');
    expect(again).toContain('2026110900017');
    story.agentSays('2026110900017');
    expect(created2266(story)[0]?.text).toContain('P: cliente ficou satisfeito mas teve duvida no fechamento de caixa\n');
  });
});

/** Found by a second outside tester, typing questions and answers as a busy implanter does. */
describe('the implanter asks where the bot waits for a yes, a no or the RSP', () => {
  it('after an answer that offers to create the 2266, the next questions are answered, not read as the list, the help or a no', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const offered = story.toAgent(story.agentSays('tenho q abrir 2 atendimento agora ou so um?')).join(' ');
    expect(offered).toMatch(/\(sim\/não\)/);
    for (const question of ['qual o modelo q eu colo no 2266', 'o que é RSP', 'nao consigo contato c o cliente, oq faço']) {
      const said = story.toAgent(story.agentSays(question)).join(' ');
      expect(said, question).not.toMatch(/não tem monitoramentos|Tudo bem|cancelei|Posso te ajudar com/);
      expect(said.length, question).toBeGreaterThan(60);
    }
    expect(story.tickets).toEqual([]);
  });

  // Found by a third outside tester: a question the base does not know, asked after the offer, got the offer again or "cancelei",
  // and never reached the supervisors' list.
  it('after the offer, a question the base does not know gets "não sei" and is kept for the supervisors; the offer still stands', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('tenho q abrir 2 atendimento agora ou so um?');
    for (const question of ['como peço reembolso do uber do plantão?', 'posso levar o notebook da empresa pra casa no plantão?']) {
      const effects = story.agentSays(question);
      const said = story.toAgent(effects).join(' ');
      expect(said, question).toMatch(/não sei|Não encontrei/i);
      expect(said, question).not.toMatch(/cancelei|Responda "sim" ou "não"/);
      expect(effects.some((e) => e.type === 'record' && e.list === 'faq-unanswered'), question).toBe(true);
    }
    story.agentSays('sim');
    expect(story.toAgent(story.agentSays('123')).join(' ')).not.toMatch(/não sei/i);
  });

  it.each(['pode criar?', 'cria pra mim?', 'vc cria?', 'pode abrir pfv'])('"%s" after the offer is its yes', (text) => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('tenho q abrir 2 atendimento agora ou so um?');
    const said = story.toAgent(story.agentSays(text)).join(' ');
    expect(said).toMatch(/cliente|código/i);
    expect(said).not.toMatch(/\(sim\/não\)|Voltando/);
  });

  it('"se eu n conseguir falar qual atendimento abro nessa semana?" at "conseguiu falar?" is answered; nothing recorded, the check-in waits', () => {
    const story = inCheckin();
    const said = story.toAgent(story.agentSays('se eu n conseguir falar qual atendimento abro nessa semana?')).join(' ');
    expect(said).not.toMatch(/Entendido: sem contato/);
    expect(said).toMatch(/houve contato|conseguiu falar|Voltando/i);
    expect(story.tickets.filter((t) => t.typeCode !== '2266' && t.typeCode !== '000030')).toEqual([]);
    expect(story.asked.filter((op) => op.op === 'delegate')).toHaveLength(1); // the close's only
  });

  // Found by an outside tester (2026-12-08): both were taken for the week's "não": the 2266 went to the salesperson, who was
  // told the question as the implanter's words, and the question was never answered.
  it.each(['quem eu aviso se o cliente nao responde na semana 2?', 'e qnd o cliente nao responde na semana 2, aviso quem?'])(
    '"%s" at "conseguiu falar?" is answered; nothing recorded, nothing delegated, the check-in waits',
    (text) => {
      const story = inCheckin();
      const said = story.toAgent(story.agentSays(text)).join(' ');
      expect(said).toMatch(/000029/);
      expect(said).not.toMatch(/vendedor responsável em|deleguei o 2266/);
      expect(story.asked.filter((op) => op.op === 'delegate')).toHaveLength(1); // the close's only
      expect(story.tickets.filter((t) => t.typeCode !== '2266' && t.typeCode !== '000030')).toEqual([]);
    },
  );

  // Found by an outside tester (2026-12-07): a new close while the customer's 2266 was in week 3 made a second one in
  // silence; the customer then got a "3ª semana" follow-up one day and a "1ª semana" one the next.
  it("a close while the customer's 2266 is still running says so", () => {
    const story = closed();
    story.at('2026-11-30T08:01:00');
    const said = story.toAgent(story.agentSays('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito com o módulo fiscal.')).join(' ')
      + story.toAgent(story.agentSays('2026110900030')).join(' ');
    expect(said).toMatch(/já tem o 2266 20261123\d+ em andamento \(1ª semana\)/);
  });

  // Found by an outside tester (2026-12-07): the last cycle's 000003 was accepted as this delivery's RSP.
  it("a protocol of another type is no RSP: asked again, and the RSP's own is taken", () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito e teve algumas dúvidas.');
    const said = story.toAgent(story.agentSays('2026110900002')).join(' ');
    expect(said).toContain('O protocolo 2026110900002 é de um atendimento 000002, não do RSP (000030)');
    expect(story.tickets.filter((t) => t.typeCode === '2266')).toEqual([]);
    // The customer's first 2266: nothing else running to warn of.
    expect(story.toAgent(story.agentSays('2026110900030')).join(' ')).not.toMatch(/em andamento/);
    expect(story.tickets.filter((t) => t.typeCode === '2266')).toHaveLength(1);
  });

  // Found by an outside tester (2026-12-07): both were taken for the check-in's "não"; the week went to the salesperson
  // and the question was written into the 2266 as the week's words.
  it.each(['tentei contato na segunda semana e o cliente não respondeu, crio um atendimento ou só atualizo o 2266?', 'o cliente não respondeu na 1ª semana, abro 000029?'])(
    '"%s" at "conseguiu falar?" is answered; nothing recorded, the check-in waits',
    (question) => {
      const story = inCheckin();
      const said = story.toAgent(story.agentSays(question)).join(' ');
      expect(said).not.toMatch(/deleguei|sem contato em/);
      expect(said).toMatch(/houve contato|conseguiu falar|Voltando/i);
      expect(story.asked.filter((op) => op.op === 'delegate')).toHaveLength(1); // the close's only
      expect(story.asked.filter((op) => op.op === 'replaceText')).toEqual([]);
    },
  );

  // Found by a fourth outside tester: the menu's answer with its own description kept the first answer's two demands as the ticket's text.
  it('a demand chosen with a description at the menu records that description, the implanter\'s last word', () => {
    const story = inCheckin();
    const asked = story.toAgent(story.agentSays('falei sim, tinha duas coisas: duvida no relatorio e erro de operacao no estoque')).join(' ');
    expect(asked).toMatch(/1\)/); // the menu
    story.agentSays('2, ele lançou a entrada no estoque errada');
    const ticket = story.tickets.find((t) => t.typeCode === '000002');
    expect(ticket?.text.split('\n')[0]).toBe('ele lançou a entrada no estoque errada');
  });

  // Found playing the sandbox: in week 1 the answer was the 000029 rule of weeks 2 and 3.
  it('a question about a week without contact, asked in a check-in, is answered for the week at hand', () => {
    const story = inCheckin();
    const said = story.toAgent(story.agentSays('se eu n conseguir falar qual atendimento abro nessa semana?')).join(' ');
    expect(said).toMatch(/vendedor/);
    expect(said).not.toMatch(/A partir da 2ª semana/);
  });

  it.each(['o rsp eu ja abri, peraí q vou ver o numero', 'ja registrei o rsp sim, so um seg'])('"%s" at the RSP question opens no second RSP and waits for its number', (text) => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito e teve algumas dúvidas.');
    const said = story.toAgent(story.agentSays(text)).join(' ');
    expect(said).toMatch(/protocolo do RSP/);
    expect(story.asked.filter((op) => op.op === 'createTicket')).toEqual([]);
    story.agentSays('achei: 2026110900017');
    expect(story.tickets.map((t) => t.typeCode)).toEqual(['2266']);
  });

  it('a "no" about something else at the RSP question is asked again, not taken for "registrar"', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123. Parecer: Cliente satisfeito e teve algumas dúvidas.');
    const said = story.toAgent(story.agentSays('n consegui falar, liguei 2x e caiu na caixa postal')).join(' ');
    expect(said).toMatch(/registrar/);
    expect(story.asked.filter((op) => op.op === 'createTicket')).toEqual([]);
    story.agentSays('nao registrei ainda');
    expect(story.asked.filter((op) => op.op === 'createTicket')).toHaveLength(2); // the RSP, then the 2266
  });

  it.each([
    ['finalizei a implantacao do cliente 123, parcer: cliente gostou mto mas ficou inseguro c o fiscal. rsp 2026110900017', null, 'P: cliente gostou mto mas ficou inseguro c o fiscal.'],
    ['finalizei a implantação do cliente 123', 'parecer cliente animado, registra o rsp pra mim', 'P: cliente animado'],
    // Found playing the fresh clone: "P: cliente satisfeito. rsp registra vc".
    ['finalizei a implantacao do cliente 123, parecer: cliente satisfeito. rsp registra vc', 'registrar', 'P: cliente satisfeito'],
    // Found by a fifth outside tester: "rsp eh" was left on the line when the protocol came after the parecer.
    ['finalizei a implantação do cliente 123', 'cliente satisfeito mas teve umas duvidas no fechamento d caixa. rsp eh o 2026110900017', 'P: cliente satisfeito mas teve umas duvidas no fechamento d caixa.'],
    // …and by a sixth: a parecer with line breaks and tabs spanned several lines of the 2266.
    ['finalizei a implantação do cliente 123', 'cliente satisfeito.\r\nequipe\tpegou rapido. rsp 2026110900017', 'P: cliente satisfeito. equipe pegou rapido.'],
    // Found by an outside tester (2026-12-08): the template's own label, "P:", was read as part of the parecer ("P: finalizada, P: …").
    ['implantacao do 123 finalizada, P: cliente bem satisfeito, poucas duvidas', 'registrar', 'P: cliente bem satisfeito, poucas duvidas'],
  ])('the parecer leaves out its label and a request to open the RSP: %s', (close, parecer, line) => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays(close);
    if (parecer) story.agentSays(parecer);
    const created = story.tickets.find((t) => t.typeCode === '2266');
    expect(created?.text.split('\n').find((l) => l.startsWith('P:'))).toBe(line);
  });

  it('a parecer of thousands of characters is cut on the "P:" line, never an emoji in half', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123');
    story.agentSays(`cliente satisfeito ${'😀'.repeat(3000)}`);
    story.agentSays('registrar');
    const line = story.tickets.find((t) => t.typeCode === '2266')?.text.split('\n').find((l) => l.startsWith('P:')) ?? '';
    expect([...line.slice(3)]).toHaveLength(PARECER_MAX);
    expect(line.endsWith('…')).toBe(true);
    expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/); // no half emoji
  });

  // Found by an outside tester: "registrar" (the RSP's answer, a step early) where the parecer was asked became "P: registrar".
  it.each(['registrar', 'ok', 'sim'])('"%s" where the parecer is asked is no parecer: asked again, never "P: %s"', (word) => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123');
    const said = story.toAgent(story.agentSays(word)).join(' ');
    expect(said).toMatch(/Escreva o parecer/);
    expect(story.tickets.filter((t) => t.typeCode === '2266')).toEqual([]);
    story.agentSays('cliente satisfeito, equipe pegou rapido');
    if (word !== 'registrar') story.agentSays('registrar');
    const created = story.tickets.find((t) => t.typeCode === '2266');
    expect(created?.text.split('\n').find((l) => l.startsWith('P:'))).toBe('P: cliente satisfeito, equipe pegou rapido');
  });

  it('"deixa pra la, depois eu faço" where the parecer is asked puts the close off; it is no parecer', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.agentSays('finalizei a implantação do cliente 123');
    const said = story.toAgent(story.agentSays('deixa pra la, depois eu faço')).join(' ');
    expect(said).not.toMatch(/Parecer anotado/);
    expect(story.asked.filter((op) => op.op === 'createTicket')).toEqual([]);
  });
});

describe('the week\'s ticket, as a busy implanter tells it (second outside tester)', () => {
  it('"falei c ele, abri o atendimento <the RSP> pra essa semana" names no demand; "n, foi so um ok dele, sem demanda nenhuma" is a 000029, never a 000003', () => {
    const story = inCheckin();
    const first = story.toAgent(story.agentSays('falei c ele, abri o atendimento 2026110900017 pra essa semana')).join(' ');
    expect(first).not.toMatch(/cada contato tem o seu 000003|Abrindo o 000003/);
    story.agentSays('n, foi so um ok dele, sem demanda nenhuma');
    story.agentSays('abre voce');
    story.agentSays('ele so confirmou que ta tudo certo com o sistema');
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual(['000029']);
  });

  it('the demand told at the menu in a sentence that says what happened: that sentence is the summary, not asked again', () => {
    const story = inCheckin();
    story.agentSays('sim');
    const said = story.toAgent(story.agentSays('duvida no fechamento de caixa e tbm lancou umas notas de entrada errado')).join(' ');
    expect(said).not.toMatch(/Resuma o contato/);
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific).toHaveLength(1);
    expect(specific[0]?.text).toMatch(/^duvida no fechamento de caixa e tbm lancou umas notas de entrada errado\n/);
  });

  it('"errei o numero. na vdd foi duvida msm, 000001, pode abrir vc" after an unknown protocol opens a 000001 with the description given first', () => {
    const story = inCheckin();
    story.agentSays('falei sim c ele ontem, duvida no fechamento de caixa, abri o 2 prot 2026121500404');
    story.agentSays('errei o numero. na vdd foi duvida msm, 000001, pode abrir vc');
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual(['000001']);
    expect(specific[0]?.text).toMatch(/^duvida no fechamento de caixa\n/);
  });
});

// Found playing the fresh clone: "nao, ngm atendeu. liguei no fixo…" written before the bot asked got the
// assistant's 000029 rule, and the week waited for the check-in; a "yes" told unprompted was already the contact.
describe('a failed attempt told before the bot asks', () => {
  it('is the week\'s "no": in week 1 the 2266 goes to the salesperson at once, the attempt quoted', () => {
    const story = closed();
    story.at('2026-11-30T08:01:00'); // the follow-up went out; the customer has not answered
    const effects = story.agentSays('nao consegui, liguei 3x e caiu na caixa postal');
    expect(story.toAgent(effects).join(' ')).toMatch(/vendedor/);
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9')).toHaveLength(1);
    expect(line(story, 'primeira semana') ?? '').toContain('sem contato');
  });

  it('a question about it stays a question for the assistant, and the week waits', () => {
    const story = closed();
    story.at('2026-11-30T08:01:00');
    story.agentSays('nao consigo contato c o cliente, oq faço');
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9')).toHaveLength(0);
    expect(line(story, 'primeira semana') ?? '').not.toContain('(x)');
  });
});

// Found by a fourth outside tester: a contact told after a failed attempt was a salesperson's "retorno" (the
// check-in lost, "sim" then "não sei"), one told after its demand a "cancelar"; the RSP of another
// implantation was taken for the week's ticket.
describe('the contact told after the attempt or the demand', () => {
  it.each([
    ['tentei ligar 2x sem sucesso, mas a tarde ela me retornou no whats: tudo ok, sem duvidas', '000029'],
    ['cliente nao respondeu o whats, mas liguei e falei com o Marcos: duvida sobre como fazer inventario', '000001'],
    ['duvida: como cancelar NFC-e. falei com a dona, Sra. Lucia', '000001'],
  ])('"%s" is the week\'s contact (%s), never a salesperson\'s return nor a cancel', (said, code) => {
    const story = inCheckin();
    const told = story.toAgent(story.agentSays(said)).join(' ');
    expect(told).not.toMatch(/De qual cliente é o retorno|deixei de lado|vendedor/);
    // Only what the answer lacks is asked: at most the summary.
    if (/Resuma|resumo/.test(told)) story.agentSays('ela tirou a duvida e ficou tudo certo');
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual([code]);
    expect(line(story, 'primeira semana') ?? '').toContain('(x)');
  });

  it('"nao, pera, falei sim! a Carla disse q ta tudo certo, sem duvidas" is recorded at once, without its "falei sim"', () => {
    const story = inCheckin();
    const told = story.toAgent(story.agentSays('nao, pera, falei sim! a Carla disse q ta tudo certo, sem duvidas')).join(' ');
    expect(told).not.toMatch(/Não entendi|Qual foi a demanda|Resuma/);
    const specific = story.tickets.filter((t) => t.typeCode !== '2266');
    expect(specific.map((t) => t.typeCode)).toEqual(['000029']);
    expect(specific[0]?.text).toMatch(/^a Carla disse q ta tudo certo, sem duvidas\n/);
  });

  it('a failed attempt and nothing else is still the week\'s "no"', () => {
    const story = inCheckin();
    story.agentSays('liguei 2x e ninguem atendeu, mandei whats tb');
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9')).toHaveLength(1);
  });

  it('the protocol of a ticket that is no contact\'s (another implantation\'s RSP, 000030) is refused; a contact\'s of another type records its own type', () => {
    const story = inCheckin();
    const refused = story.toAgent(story.agentSays('sim falei. era duvida. protocolo 2026110900030')).join(' ');
    expect(refused).toContain('não de um contato do monitoramento (000001, 000002, 000003, 000025, 000029)');
    expect(line(story, 'primeira semana') ?? '').not.toContain('(x)');
    story.agentSays('2026112000002');
    expect(line(story, 'primeira semana') ?? '').toMatch(/\(x\).*2026112000002/);
    expect(story.tickets.filter((t) => t.typeCode !== '2266')).toEqual([]); // nothing opened: the agent's own ticket is on the line
  });
});

// Found by an outside tester: each week was due 7 days after the last was recorded, so the cycle drifted a day a week.
describe('the next week\'s date', () => {
  const delegations = (story: ReturnType<typeof closed>) => story.asked.flatMap((op) => (op.op === 'delegate' ? [op.date] : []));

  it('keeps the weekday: 7 days after the week was due, though recorded the next evening', () => {
    const story = inCheckin(); // week 1 due Monday 30/11, the check-in on Tuesday 01/12 18:01
    story.agentSays('sim, duvida no fechamento de caixa, ensinei a fazer a sangria');
    expect(delegations(story).at(-1)).toBe('2026-12-07T08:00:00');
  });

  it('a week recorded days late is due 7 days after its record', () => {
    const story = inCheckin();
    story.at('2026-12-04T10:00:00'); // Friday: the implanter answers at last
    story.agentSays('sim, duvida no fechamento de caixa, ensinei a fazer a sangria');
    expect(delegations(story).at(-1)).toBe('2026-12-11T08:00:00');
  });
});

// Found by an outside tester: "O atendimento 000025 … continua aberto: … o suporte segue por ele" for a bug solved on the spot.
describe('the hand-over after week 3', () => {
  function toWeek3() {
    const story = inCheckin();
    story.agentSays('sim, duvida no fechamento de caixa, ensinei a fazer a sangria');
    story.at('2026-12-07T08:01:00');
    story.at('2026-12-08T18:01:00');
    story.agentSays('sim, duvida no cadastro de produto, expliquei o ncm');
    story.at('2026-12-14T08:01:00');
    story.at('2026-12-15T18:01:00');
    return story;
  }

  it.each([
    ['sim, a impressora parou e o suporte reinstalou na hora, 000025', false],
    ['sim, o relatorio de vendas soma errado, mandei pro dev, 000003', true],
    // Found by an outside tester: a later call asked for is support going on too (the rules' FAQ 11).
    ['sim, deu erro no pdv e resolvi na hora, 000025, ela pediu pra ligar semana q vem', true],
    // Found by an outside tester (2026-12-07, later): a question answered on the call was reported as "segue aberto".
    ['sim, duvida na emissao da nfce de devolucao, expliquei passo a passo, 000001', false],
    ['sim, ela lancou a sangria como suprimento, orientei, 000002', false],
    ['sim, erro grave no fechamento, ainda nao resolvemos, 000002', true],
  ])('"%s": the demand said to stay open only when it does (%s)', (said, open) => {
    const story = toWeek3();
    const told = story.toAgent(story.agentSays(said)).join(' ');
    expect(told).toMatch(/supervis/);
    expect(/continua aberto/.test(told)).toBe(open);
    const note = story.asked.flatMap((op) => (op.op === 'delegate' ? [op.note] : [])).at(-1) ?? '';
    expect(/Demanda em aberto/.test(note)).toBe(open);
  });
});

describe('two check-ins at once, and the implanter answers for the other customer (outside tester, 2026-12-07)', () => {
  /** Both 2266s closed on Monday 23/11 (the market's first, unless said); neither customer answered: both check-ins are due on Tuesday 01/12, the first closed asked first. */
  function both(bakeryFirst = false) {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const market = () => {
      story.agentSays('finalizei a implantação do cliente 456. Parecer: Cliente tranquilo, sem dúvidas.');
      story.agentSays('2026110900018');
    };
    if (bakeryFirst) story.close();
    market();
    if (!bakeryFirst) story.close();
    story.at('2026-11-30T08:01:00');
    const asked = story.toAgent(story.at('2026-12-01T18:01:00')).join(' ');
    expect(asked).toContain(bakeryFirst ? 'Padaria Pão Quente (000123)' : 'Mercado Boa Vista (000456)');
    return story;
  }
  const specific = (story: ReturnType<typeof both>) => story.tickets.filter((t) => t.typeCode !== '2266').map((t) => [t.typeCode, t.customerId]);

  // Found by an outside tester: a ticket of another 2266 (its week-3 000003) was taken as this week's.
  it("another monitoring's ticket given as this week's is refused, as this one's own would be", () => {
    const story = both();
    const lookups = () => story.asked.filter((op) => op.op === 'findTicketByProtocol').length;
    const before = lookups();
    const said = story.toAgent(story.agentSays('sim, duvida no cadastro de produto, ja abri o atendimento, protocolo 2026110900017')).join(' ');
    expect(said).toContain('é o RSP da implantação do monitoramento de Padaria Pão Quente');
    expect(said).toContain('não o atendimento deste contato');
    expect(lookups()).toBe(before);
  });

  it('asked about the market, "falei com a maria da padaria…" is recorded for the bakery, and the market is asked again', () => {
    const story = both();
    const said = story.toAgent(story.agentSays('sim, falei com a maria da padaria, ela teve duvida no fechamento de caixa')).join(' ');
    expect(said).toContain('Essa resposta é de Padaria Pão Quente (000123)');
    expect(specific(story)).toEqual([['000001', 'P1']]);
    expect(said).toMatch(/Mercado Boa Vista \(000456\)[\s\S]*conseguiu falar/);
    story.agentSays('nao consegui, ngm atendeu');
    expect(story.asked.filter((op) => op.op === 'delegate' && op.userId === 'U9')).toHaveLength(1); // the market's week 1 to the salesperson
    expect(specific(story)).toEqual([['000001', 'P1']]);
  });

  it('an answer naming the customer by code counts the same way; one naming both, or neither, stays with the customer asked about', () => {
    const story = both();
    story.agentSays('falei com o 123 sim, erro de operacao no caixa, ela lancou a sangria errada');
    expect(specific(story)).toEqual([['000002', 'P1']]);
    const other = both();
    other.agentSays('falei sim, a dona ta boa, teve duvida no relatorio de vendas');
    expect(specific(other)).toEqual([['000001', 'P2']]);
  });

  // Found by an outside tester (2026-12-08): with two check-ins open, "falei sim, ela pediu ajuda no fechamento de caixa" got
  // "Como classifico esse contato?" without the customer: which 2266 would get the ticket was said only once recorded.
  it('an answer naming neither customer is asked about with the customer it is recorded for named', () => {
    const story = both();
    const said = story.toAgent(story.agentSays('falei sim, ela pediu ajuda no fechamento de caixa')).join(' ');
    expect(said).toMatch(/contato com Mercado Boa Vista \(000456\)\?/);
    // Alone, the question names nobody: the check-in just asked said which customer.
    const alone = inCheckin();
    expect(alone.toAgent(alone.agentSays('falei sim, ela pediu ajuda no fechamento de caixa')).join(' ')).not.toMatch(/contato com /);
  });

  it('"errei, a 1a semana da padaria nao foi duvida…" while the market is asked says where to correct the bakery\'s week, and records nothing', () => {
    const story = both(true);
    story.agentSays('falei sim, ela ta com duvida no ajuste de estoque');
    const said = story.toAgent(story.agentSays('errei, a 1a semana da padaria nao foi duvida do estoque, foi erro de operacao (nota de entrada na tela errada). corrige ai')).join(' ');
    expect(said).toContain('Para corrigir a 1ª semana de Padaria Pão Quente (000123)');
    expect(said).toContain('Voltando ao 2266 de Mercado Boa Vista');
    expect(specific(story)).toEqual([['000001', 'P1']]);
  });
});
