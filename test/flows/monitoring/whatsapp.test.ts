import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/domain/effects.js';
import type { AgentState } from '../../../src/flows/agent-state.js';
import { attemptsMade } from '../../../src/flows/dialogs/week-record.js';
import { followUpParams } from '../../../src/flows/monitoring/messages.js';
import type { Monitoring } from '../../../src/flows/monitoring/model.js';
import { flowContext } from '../../helpers/monitoring.js';
import { CHAT, OTHER_PHONE, PHONE, monitoringStory } from '../../helpers/monitoring-story.js';

/**
 * The weekly follow-up on WhatsApp (docs/contracts/karoo-chat.md §4), as pure functions: each
 * follow-up carries its personalised text and the template for outside the 24-hour window (the
 * edge picks the form when it sends); a refusal or a failed delivery reaches the implanter at
 * once, in plain Portuguese, and the week's check-in knows the customer was not reached; a
 * number without WhatsApp makes the bot try the record's next valid one, once; statuses that
 * arrive late, twice or out of order change nothing; an opted-out customer gets nothing.
 */

type Story = ReturnType<typeof monitoringStory>;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Karoo reports how far a message in the customer's chat got. */
function status(story: Story, messageId: string, state: string, code: string | null = null): Effect[] {
  return story.driver.say({ chatId: CHAT, department: 'implantacao', kind: 'customer', login: null, phone: PHONE, type: 'message.status' }, (raw) => {
    raw.status = { messageId, state, error: code ? { code, message: 'x' } : null };
  });
}

function monitoringOf(story: Story): Monitoring {
  const m = Object.values((story.driver.state('agent:joao.silva') as AgentState).monitorings)[0];
  if (!m) throw new Error('no monitoring');
  return m;
}

/** The week-1 follow-up sent (Monday 30/11 08:00), and the id Karoo gave it. */
function weekOne(story: Story, refuse?: { error: string; code: string }): { effects: Effect[]; messageId: string } {
  story.close();
  if (refuse) story.driver.karooRefuses = (e) => (e.type === 'karoo.proactive' && 'phone' in e.to ? refuse : null);
  const effects = story.at('2026-11-30T08:00:00');
  return { effects, messageId: monitoringOf(story).followUp?.messageId ?? '' };
}

describe('the weekly follow-up on WhatsApp', () => {
  it('carries the personalised text and the template, with its parameters in the documented order', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const [followUp] = story.toPhone(weekOne(story).effects);
    expect(followUp?.text).toContain('Padaria Pão Quente');
    expect(followUp?.template).toEqual({ name: 'acompanhamento_semanal', language: 'pt_BR', params: ['pessoal', 'Padaria Pão Quente', 'João Silva', '1ª'] });
    // Found by an outside tester: "Olá, Padaria Pão Quente! Aqui é João Silva, da implantação do sistema de Padaria Pão Quente."
    expect(followUp?.text).toMatch(/^(?:Olá|Oi|Tudo bem), pessoal[!?]/);
    expect(followUp?.text.split('Padaria Pão Quente')).toHaveLength(2);
    // The contact's first name, once they wrote, is {{1}} from then on.
    story.customerSays('Tudo certo por aqui!');
    expect(followUpParams(monitoringOf(story))[0]).toBe('Maria');
    // …on her number; the record's next number, tried when hers has no WhatsApp, is someone else's (found by an outside tester).
    expect(followUpParams(monitoringOf(story), PHONE)[0]).toBe('Maria');
    expect(followUpParams(monitoringOf(story), OTHER_PHONE)[0]).toBe('pessoal');
  });

  it('never sends a parameter that breaks the rules: one line, at most 1,024 characters (whole characters), never empty', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    const m = monitoringOf(story);
    const odd: Monitoring = { ...m, contactName: '  ', customer: { ...m.customer, name: `Padaria\n\tPão     Quente ${'😀'.repeat(600)}` }, agent: { ...m.agent, name: '' } };
    const params = followUpParams(odd);
    for (const p of params) {
      expect(p).not.toMatch(/[\n\r\t]| {5,}/);
      expect(Array.from(p).length).toBeGreaterThan(0);
      expect(Array.from(p).length).toBeLessThanOrEqual(1024);
      expect(p).not.toMatch(LONE_SURROGATE); // no half emoji at the cut
    }
    expect(params[1]?.startsWith('Padaria Pão Quente 😀')).toBe(true);
    expect(params[2]).toBe('a equipe de implantação');
  });

  // Found by an outside tester: the template greeted "Olá, Maria!" and the free text "Olá, Padaria Pão Quente!".
  it('greets the person who wrote by their first name in the text as in the template, with the customer named too', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    story.customerSays('tudo certo por aqui, obrigada');
    story.agentSays('sim');
    const [second] = story.toPhone(story.at('2026-12-07T08:00:00'));
    expect(second?.text).toMatch(/^(Olá|Oi|Bom dia), Maria!/);
    expect(second?.text).toContain('Padaria Pão Quente');
    expect(second?.template?.params[0]).toBe('Maria');
  });

  // Found playing the sandbox: "aqui é o jorge, filho da dona maria" on a Saturday, and Monday's follow-up to Maria's phone said "Olá, Jorge!".
  it('answers in the chat whoever said who they are, but the next weeks\' follow-ups greet the contact Karoo knows', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    const answered = story.toChat(story.customerSays('oi, aqui é o jorge, filho da dona maria. ta tudo certo por aqui'));
    expect(answered.join(' ')).toContain('Jorge');
    story.agentSays('sim');
    const [second] = story.toPhone(story.at('2026-12-07T08:00:00'));
    expect(second?.template?.params[0]).toBe('Maria');
    expect(second?.text).not.toContain('Jorge');
  });

  it('with no template configured, the follow-up has none (outside the window the edge then sends nothing)', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', { ...flowContext(), templates: { language: 'pt_BR', followUp: null, reseller: null } });
    const [followUp] = story.toPhone(weekOne(story).effects);
    expect(followUp?.template).toBeUndefined();
  });

  it.each([
    ['template_not_approved', 'não está aprovado no Karoo'],
    ['outside_window', 'a janela de 24 horas desde a última mensagem do cliente estava fechada'],
  ])('a refusal (%s): the implanter is told at once, with the number and why, and the check-in knows', (code, why) => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const told = story.toAgent(weekOne(story, { error: `Karoo answered 422 ${code}`, code }).effects).join('\n');
    expect(told).toContain('Não consegui alcançar Padaria Pão Quente (000123)');
    expect(told).toContain('(21) 99999-0001');
    expect(told).toContain(why);
    expect(told).toContain('Não consegui alcançar o cliente pelo WhatsApp nesta semana');
    expect(monitoringOf(story)).toMatchObject({ phase: 'agent_checkin', followUp: { state: 'failed', error: code } });
  });

  it('keeps the furthest status: late, repeated and out-of-order ones change nothing', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const { messageId } = weekOne(story);
    expect(messageId).not.toBe('');
    status(story, messageId, 'delivered');
    status(story, messageId, 'sent'); // late
    status(story, messageId, 'delivered'); // again
    expect(monitoringOf(story).followUp?.state).toBe('delivered');
    status(story, messageId, 'read');
    const late = [...status(story, messageId, 'delivered'), ...status(story, messageId, 'failed', 'undeliverable')];
    expect(monitoringOf(story).followUp?.state).toBe('read');
    expect(story.toAgent(late)).toEqual([]);
    status(story, 'msg_some_other', 'failed', 'blocked'); // another message of the chat: not the follow-up
    expect(monitoringOf(story).followUp?.state).toBe('read');
  });

  it('a number without WhatsApp: the implanter is told, the next valid number of the record is tried once, then the check-in knows', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE, '+5521977770003'] });
    const { messageId } = weekOne(story);
    // The record was read once before the week's follow-up; the failure reads it once more.
    const reads = () => story.asked.filter((op) => op.op === 'customerPhones').length;
    expect(reads()).toBe(1);
    const first = status(story, messageId, 'failed', 'not_on_whatsapp');
    const told = story.toAgent(first).join('\n');
    expect(told).toContain('esse número não tem WhatsApp');
    expect(told).toContain('Vou tentar o outro número do cadastro, (21) 98888-0002; se também não der certo, te aviso');
    expect(story.toPhone(first).map((e) => e.to)).toEqual([{ phone: OTHER_PHONE }]);
    expect(reads()).toBe(2);

    const second = status(story, monitoringOf(story).followUp?.messageId ?? '', 'failed', 'not_on_whatsapp');
    expect(story.toPhone(second)).toEqual([]); // once only
    const then = story.toAgent(second).join('\n');
    expect(then).toContain('(21) 98888-0002');
    expect(then).toContain('Fale com o cliente por telefone');
    expect(monitoringOf(story)).toMatchObject({ phase: 'agent_checkin', followUp: { phone: OTHER_PHONE, state: 'failed', tried: [PHONE, OTHER_PHONE] } });
  });

  // Found by an outside tester (2026-12-07): after the second number, the check-in only said "ainda não respondeu".
  it('the check-in after a second number says which number has no WhatsApp, so the call goes to the right one', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE] });
    const { messageId } = weekOne(story);
    status(story, messageId, 'failed', 'not_on_whatsapp');
    const prompt = story.toAgent(story.at('2026-12-01T18:01:00')).join('\n');
    expect(prompt).toContain('Mandei mensagem para o cliente no (21) 98888-0002 (o (21) 99999-0001 não tem WhatsApp)');
  });

  // Found by an outside tester (2026-12-07): "failed" then "read" left the 000029 saying "não chegou" while /painel said "lido".
  it('delivered or read reported after a failure: the implanter hears it did arrive, and the week is told as read, not as failed', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE] });
    const { messageId } = weekOne(story);
    expect(story.toAgent(status(story, messageId, 'failed', 'undeliverable')).join('\n')).toContain('não conseguiu entregar');
    const after = story.toAgent(status(story, messageId, 'read')).join('\n');
    expect(after).toMatch(/foi lida/);
    expect(after).toContain('(21) 99999-0001');
    expect(monitoringOf(story).followUp).toMatchObject({ state: 'read', error: null });
    // A repeated "read", or the failure again, says nothing more and changes nothing.
    expect(story.toAgent([...status(story, messageId, 'read'), ...status(story, messageId, 'failed', 'undeliverable')])).toEqual([]);
    expect(monitoringOf(story).followUp).toMatchObject({ state: 'read', error: null });
    expect(attemptsMade(monitoringOf(story), 'não', flowContext().calendar)).toContain('ficou sem resposta, embora lida');
  });

  it('blocked: no other number is tried; the implanter hears why', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE] });
    const { messageId } = weekOne(story);
    const effects = status(story, messageId, 'failed', 'blocked');
    expect(story.toPhone(effects)).toEqual([]);
    expect(story.toAgent(effects).join('\n')).toContain('o cliente bloqueou o contato da empresa');
  });

  it('a text WhatsApp said was outside the window goes again once, as the template only, never as the same text', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    const { messageId } = weekOne(story);
    monitoringOf(story).followUp!.form = 'text'; // the edge sent it as text, believing the window open
    const again = story.toPhone(status(story, messageId, 'failed', 'outside_window'));
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ templateOnly: true, template: { name: 'acompanhamento_semanal' } });
    const never = status(story, monitoringOf(story).followUp?.messageId ?? '', 'failed', 'outside_window');
    expect(story.toPhone(never)).toEqual([]);
    // Found by an outside tester: told "já se passaram mais de 24 horas… (não há um configurado)", both false.
    const told = story.toAgent(never).join('\n');
    expect(told).toContain('recusou até o modelo de mensagem aprovado "acompanhamento_semanal"');
    expect(told).not.toMatch(/não há um configurado|mais de 24 horas/);
  });

  // Found by an outside tester (2026-12-07): a follow-up sent on a Thursday brought the implanter its check-in at 18:00 on Friday,
  // when the team had gone home.
  it('an unanswered follow-up of a Thursday is passed to the implanter on Friday before the close, while they can still call', () => {
    const story = monitoringStory('2026-11-26T10:00:00-03:00');
    story.close();
    expect(story.toPhone(story.at('2026-12-03T08:00:00'))).toHaveLength(1);
    expect(story.toAgent(story.at('2026-12-04T16:59:00'))).toEqual([]);
    const friday = story.toAgent(story.at('2026-12-04T17:00:00')).join('\n');
    expect(friday).toMatch(/ainda não respondeu/);
    expect(story.toAgent(story.at('2026-12-04T18:00:00'))).toEqual([]);
  });

  // Found by an outside tester (2026-12-07): a new cycle's follow-up greeted "Olá, pessoal!" the Maria the last one had greeted by name.
  it("a new 2266 of the same customer greets by name the person who answered the last cycle's follow-ups from that number", () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.close();
    story.at('2026-11-30T08:00:00');
    story.customerSays('tudo certo por aqui, obrigada');
    const named = monitoringOf(story).contactName;
    expect(named).toBeTruthy();
    story.at('2026-12-02T10:00:00');
    story.close();
    const monitorings = Object.values((story.driver.state('agent:joao.silva') as AgentState).monitorings);
    expect(monitorings).toHaveLength(2);
    expect(monitorings.map((m) => m.contactName)).toEqual([named, named]);
  });

  // Found by an outside tester (2026-12-07): the implanter was written to at 20:00, on a Saturday evening and on a holiday.
  it('an answer to the follow-up written at night brings the check-in at the next opening, not at night', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.close();
    expect(story.toPhone(story.at('2026-11-30T08:00:00'))).toHaveLength(1);
    story.at('2026-11-30T20:00:00');
    expect(story.toAgent(story.customerSays('boa noite, ta travando na hora de finalizar a venda'))).toEqual([]);
    expect(story.toAgent(story.at('2026-12-01T07:59:00'))).toEqual([]);
    const morning = story.toAgent(story.at('2026-12-01T08:00:00')).join('\n');
    expect(morning).toContain('ta travando na hora de finalizar a venda');
  });

  // Found by an outside tester (2026-12-07): an opt-out written on a Saturday brought the implanter the week's check-in that Saturday.
  it('an opt-out answering the follow-up out of hours brings the check-in at the next opening, not at once', () => {
    // Closed on a Friday: week 1's follow-up goes on Friday 04/12, its answer awaited until Monday's end.
    const story = monitoringStory('2026-11-27T10:00:00-03:00');
    story.close();
    expect(story.toPhone(story.at('2026-12-04T08:00:00'))).toHaveLength(1);
    const saturday = [...story.at('2026-12-05T10:00:00'), ...story.customerSays('por favor parem de me mandar essas mensagens automaticas'), ...story.at('2026-12-06T20:00:00')];
    expect(story.toAgent(saturday)).toEqual([]);
    const monday = story.toAgent(story.at('2026-12-07T08:00:00')).join('\n');
    expect(monday).toContain('pedindo para não receber mais mensagens automáticas');
  });

  // Found by an outside tester (2026-12-07): "…nota de devolução.". and "((21) 99999-0000: …)" in the implanter's messages.
  it('quotes words that end on their own without a second full stop, and a number without double parentheses', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    const told = story.toAgent([...story.customerSays('o relatorio de vendas nao abre, da tela branca.'), ...story.at('2026-12-01T18:01:00')]).join('\n');
    expect(told).toContain('"o relatorio de vendas nao abre, da tela branca." Vale');
    expect(told).not.toContain('.".');
    const failed = monitoringStory('2026-11-23T10:00:00-03:00');
    const { messageId } = weekOne(failed);
    const prompt = failed.toAgent(status(failed, messageId, 'failed', 'undeliverable')).join('\n');
    expect(prompt).toContain('nesta semana no (21) 99999-0001: o WhatsApp não conseguiu entregar');
    expect(prompt).not.toContain('((');
  });

  // Found by an outside tester (2026-12-07): the salesperson was given, as the number to call, the one without WhatsApp, and
  // read that the follow-up "ficou sem resposta".
  it('week 1 handed to the salesperson: every number of the record for the call, the one without WhatsApp marked, and which number the follow-up went to', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE] });
    const { messageId } = weekOne(story);
    status(story, messageId, 'failed', 'not_on_whatsapp');
    story.at('2026-12-01T18:01:00');
    const told = story.toLogin('pedro.vendas', story.agentSays('nao')).join('\n');
    expect(told).toContain('(telefones no cadastro: (21) 99999-0001, sem WhatsApp; (21) 98888-0002)');
    expect(told).toContain('foi para o (21) 98888-0002 (o (21) 99999-0001 não tem WhatsApp) e ficou sem resposta');
  });

  it('an opted-out customer gets nothing more, text or template', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    story.customerSays('nao quero mais mensagens');
    story.agentSays('sim');
    story.agentSays('5');
    story.agentSays('Liguei para o cliente, tudo certo.');
    const later = [...story.at('2026-12-07T08:00:00'), ...story.at('2026-12-14T08:00:00')];
    expect(story.toPhone(later)).toEqual([]);
  });

  // Found by an outside tester (2026-12-07): the salesperson read "A mensagem … ficou sem resposta" of a follow-up the
  // customer had answered with an opt-out.
  it("an opt-out that answered the week's follow-up is told as such when the week goes to the salesperson", () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    story.customerSays('nao quero mais mensagens');
    story.agentSays('nao');
    const delegated = story.asked.filter((op) => op.op === 'delegate').at(-1);
    const told = JSON.stringify(delegated) + story.tickets.map((t) => t.text).join(' ');
    expect(told).not.toContain('ficou sem resposta');
    expect(told).toContain('pedindo para não receber mais mensagens automáticas');
  });
  // Found by an outside tester (2026-12-07, later): an opt-out written before week 2's follow-up left week 2's 000029 saying only
  // "Tentativa de contato sem retorno".
  it("an opt-out before a week's follow-up is said on that week's 000029 when nobody was reached", () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    weekOne(story);
    story.customerSays('tudo certo por aqui, obrigado');
    story.agentSays('sim');
    story.at('2026-12-02T10:00:00');
    story.customerSays('nao quero mais receber essas mensagens de acompanhamento');
    story.at('2026-12-07T08:00:00');
    story.agentSays('nao');
    const week2 = story.tickets.filter((t) => t.typeCode === '000029').at(-1);
    expect(week2?.text).toMatch(/pediu \(quarta-feira, 02\/12 às 10:00\) para não receber mais mensagens automáticas/);
  });

  // Found by an outside tester (2026-12-07): the opt-out stopped the 2266 whose chat heard it; another 2266 of the same customer went on writing.
  it('an opt-out stops every 2266 of the customer, the one running beside it and one created after it', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.close();
    story.at('2026-11-24T10:00:00');
    story.agentSays('finalizei a implantação do cliente 123. Parecer: Segunda loja do cliente.');
    story.agentSays('2026110900030');
    expect(story.toPhone(story.at('2026-11-30T08:00:00'))).toHaveLength(1); // the first 2266's week 1
    story.customerSays('nao quero mais mensagens');
    expect(story.toPhone(story.at('2026-12-01T08:00:00'))).toEqual([]); // the second's week 1
    story.at('2026-12-02T10:00:00');
    story.agentSays('finalizei a implantação do cliente 123. Parecer: Terceira loja.');
    const created = story.toAgent(story.agentSays('2026110900031')).join(' ');
    expect(created).toContain('pediu para não receber mensagens automáticas');
    expect(created).not.toContain('o cliente recebe o acompanhamento');
    expect(story.toPhone(story.at('2026-12-09T08:00:00'))).toEqual([]);
  });

  // Found by an outside tester (2026-12-07): week 2's template went to the number week 1 had found without WhatsApp,
  // and the 000029 did not say which number failed.
  describe('a number WhatsApp said reaches nobody, in the weeks after', () => {
    /** Week 1 recorded as a contact without demand (by phone), after its follow-up failed as told. */
    function weekOneFailed(story: Story, code: string): void {
      const { messageId } = weekOne(story);
      status(story, messageId, 'failed', code);
      story.at('2026-12-01T18:01:00');
      story.agentSays('sim, liguei e ta tudo certo, sem demanda');
    }

    it('without WhatsApp: the next weeks write to the record\'s next number, and the check-in and the 000029 say why', () => {
      const story = monitoringStory('2026-11-23T10:00:00-03:00', flowContext(), { phone: PHONE, others: [OTHER_PHONE] });
      weekOneFailed(story, 'not_on_whatsapp');
      expect(monitoringOf(story).week).toBe(2);
      const second = story.toPhone(story.at('2026-12-07T08:00:00'));
      expect(second.map((e) => e.to)).toEqual([{ phone: OTHER_PHONE }]);
      const prompt = story.toAgent(story.at('2026-12-08T18:01:00')).join('\n');
      expect(prompt).toContain('Mandei mensagem para o cliente no (21) 98888-0002 (o (21) 99999-0001 não tem WhatsApp, como se viu na 1ª semana)');
      story.agentSays('nao');
      const week2 = story.tickets.filter((t) => t.typeCode === '000029').at(-1);
      expect(week2?.text).toContain('foi para o (21) 98888-0002 (o (21) 99999-0001 não tem WhatsApp, como se viu na 1ª semana) e ficou sem resposta');
    });

    it('blocked, with no other number: nothing is sent again; the check-in comes at once, and the 000029 says why', () => {
      const story = monitoringStory('2026-11-23T10:00:00-03:00');
      weekOneFailed(story, 'blocked');
      const due = story.at('2026-12-07T08:00:00');
      expect(story.toPhone(due)).toEqual([]);
      expect(story.toAgent(due).join('\n')).toContain('Não mandei a mensagem de acompanhamento desta semana: o cliente bloqueou o contato da empresa no (21) 99999-0001, como se viu na 1ª semana');
      story.agentSays('nao');
      const week2 = story.tickets.filter((t) => t.typeCode === '000029').at(-1);
      expect(week2?.text).toContain('O acompanhamento desta semana não foi enviado pelo WhatsApp: o cliente bloqueou o contato da empresa no (21) 99999-0001');
    });

    it('a customer who writes from that number again gets the next follow-ups on it', () => {
      const story = monitoringStory('2026-11-23T10:00:00-03:00');
      weekOneFailed(story, 'blocked');
      story.at('2026-12-03T10:00:00');
      story.customerSays('oi, desbloqueei o numero de vcs, foi engano');
      expect(story.toPhone(story.at('2026-12-07T08:00:00')).map((e) => e.to)).toEqual([{ phone: PHONE }]);
    });
  });
});
