import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.js';

describe("the agents' assistant in the bot chat", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00').start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('answers a question about the routine in Portuguese', async () => {
    await h.agentSays('quanto paga o plantao?');
    expect(h.lastToAgent()).toContain('R$ 500,00');
  });

  it('answers a question that used to be offered as two options with the right entry', async () => {
    await h.agentSays('que tipo eu uso quando o cliente teve uma demanda no acompanhamento');
    expect(h.lastToAgent()).toMatch(/Pela demanda do contato/);
  });

  it('says honestly when it does not know, and keeps the question for the maintainers', async () => {
    await h.agentSays('qual a senha do wifi do escritorio?');
    expect(h.lastToAgent()).toMatch(/supervisão imediata/);
    const kept = await h.app.bot.redis.lrange(h.app.bot.keys.list('faq-unanswered'), 0, -1);
    expect(kept.map((k) => JSON.parse(k) as { question: string })[0]?.question).toBe('qual a senha do wifi do escritorio?');
  });

  it('answers a question asked while the bot waits for the parecer, then asks for it again', async () => {
    await h.agentSays('finalizei a implantação do cliente 123');
    expect(h.lastToAgent()).toMatch(/parecer/);
    const before = h.toAgent().length;
    await h.agentSays('pera, qto paga o plantao msm?');
    const said = h.toAgent().slice(before).join('\n');
    expect(said).toContain('R$ 500,00');
    expect(said).toMatch(/Voltando à implantação de Padaria Pão Quente: qual é o seu parecer/);
    await h.agentSays('Cliente satisfeito, equipe bem treinada.');
    expect(h.lastToAgent()).toMatch(/RSP/);
  });

  it('answers a question asked in the middle of a check-in, then comes back to it', async () => {
    await h.agentSays('finalizei a implantação do cliente 123');
    await h.agentSays('Cliente satisfeito.');
    await h.agentSays('o RSP é o 2026110900017');
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    await h.advanceTo('2026-12-01T18:30:00-03:00'); // the customer did not answer: the agent is asked
    expect(h.lastToAgent()).toMatch(/conseguiu falar com o cliente/);
    const before = h.toAgent().length;
    await h.agentSays('pera, quanto paga o plantao mesmo?');
    const said = h.toAgent().slice(before).join('\n');
    expect(said).toContain('R$ 500,00');
    expect(said).toMatch(/Voltando ao 2266 de Padaria Pão Quente \(000123\): houve contato/);
    await h.agentSays('nao, caiu na caixa postal');
    expect(h.lastToAgent()).toMatch(/vendedor/);
  });

  it('offers the next action and starts it on "sim"; commands keep priority', async () => {
    await h.agentSays('terminei uma implantação, qual o procedimento agora?');
    expect(h.lastToAgent()).toMatch(/RSP/);
    expect(h.lastToAgent()).toMatch(/Quer que eu (crie|já registre) o 2266/);
    await h.agentSays('sim');
    expect(h.lastToAgent()).toMatch(/código do cliente/);
    await h.agentSays('123');
    expect(h.lastToAgent()).toContain('Padaria Pão Quente');
    const before = h.toAgent().length;
    await h.agentSays('meus monitoramentos');
    const said = h.toAgent().slice(before);
    expect(said[0]).toMatch(/não tem monitoramentos em andamento/);
    expect(said[1]).toMatch(/Voltando à implantação de Padaria Pão Quente: qual é o seu parecer/);
  });
});
