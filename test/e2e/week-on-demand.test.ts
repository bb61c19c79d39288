import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../helpers/harness.js';

/** "monitoramento do cliente 123": the agent records a week before the bot asks. */
describe('a week recorded on the agent’s initiative', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00').start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('starts the check-in at once and writes the week, the due date then moving on', async () => {
    await h.agentSays('finalizei a implantação do cliente 123');
    await h.agentSays('Cliente satisfeito.');
    await h.agentSays('o RSP é o 2026110900017');
    await h.advanceTo('2026-11-26T15:00:00-03:00'); // before the first contact's day (30/11)
    await h.agentSays('monitoramento do cliente 123, quero registrar a semana dele');
    expect(h.lastToAgent()).toMatch(/1ª semana do monitoramento de Padaria Pão Quente/);
    await h.agentSays('falei sim, ele tinha uma duvida no fechamento');
    await h.agentSays('foi so duvida');
    await h.agentSays('Explicamos o fechamento de caixa.');
    expect(h.bimer.ticket2266().Texto).toContain('(x) primeira semana');
    await h.advanceTo('2026-11-30T08:00:00-03:00'); // the old due date fires: nothing is asked twice
    expect(h.karoo.toPhone('+5521999990000')).toHaveLength(0);
  });

  it('with the contact told in the request, only the demand and the summary are asked', async () => {
    await h.agentSays('finalizei a implantação do cliente 123');
    await h.agentSays('Cliente satisfeito.');
    await h.agentSays('o RSP é o 2026110900017');
    await h.advanceTo('2026-11-26T15:00:00-03:00');
    const before = h.toAgent().length;
    await h.agentSays('falei com o cliente 123 hj, quero registrar a semana dele');
    const said = h.toAgent().slice(before).join('\n');
    expect(said).toMatch(/contato da 1ª semana do monitoramento de Padaria Pão Quente \(000123\)/);
    expect(said).not.toMatch(/conseguiu falar/i);
    await h.agentSays('2');
    await h.agentSays('Ela lançou a nota de entrada como saída; corrigimos juntos.');
    expect(h.bimer.ticket2266().Texto).toContain('(x) primeira semana');
    const [specific] = h.bimer.ticketsOfType('000002');
    expect(specific?.Texto).toContain('corrigimos juntos');
    expect(specific?.Texto).not.toContain('quero registrar');
  });

  it('says so when the customer has no monitoring of this agent', async () => {
    await h.agentSays('monitoramento do cliente 456');
    expect(h.lastToAgent()).toMatch(/Não encontrei um monitoramento seu em andamento do cliente 000456/);
  });
});
