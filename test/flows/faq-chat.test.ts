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

  it('offers the two best when they are close, and answers the one picked', async () => {
    await h.agentSays('que tipo eu uso quando o cliente teve uma demanda no acompanhamento');
    expect(h.lastToAgent()).toMatch(/1\).*\n2\)/s);
    const second = h.lastToAgent().split('\n').find((l) => l.startsWith('2)')) ?? '';
    expect(second).toMatch(/Como sei qual tipo|"ok" do cliente/);
    await h.agentSays('2');
    expect(h.lastToAgent()).toMatch(second.includes('Como sei') ? /Pela demanda do contato/ : /sem demanda técnica/);
  });

  it('says honestly when it does not know, and keeps the question for the maintainers', async () => {
    await h.agentSays('qual a senha do wifi do escritorio?');
    expect(h.lastToAgent()).toMatch(/supervisão imediata/);
    const kept = await h.app.bot.redis.lrange(h.app.bot.keys.list('faq-unanswered'), 0, -1);
    expect(kept.map((k) => JSON.parse(k) as { question: string })[0]?.question).toBe('qual a senha do wifi do escritorio?');
  });

  it('offers the next action and starts it on "sim"; commands keep priority', async () => {
    await h.agentSays('terminei uma implantação, qual o procedimento agora?');
    expect(h.lastToAgent()).toMatch(/RSP/);
    expect(h.lastToAgent()).toMatch(/Quer que eu (crie|já registre) o 2266/);
    await h.agentSays('sim');
    expect(h.lastToAgent()).toMatch(/código do cliente/);
    await h.agentSays('123');
    expect(h.lastToAgent()).toContain('Padaria Pão Quente');
    await h.agentSays('meus monitoramentos');
    expect(h.lastToAgent()).toMatch(/não tem monitoramentos em andamento/);
  });
});
