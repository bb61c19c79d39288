import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sandboxChatId } from '../../src/sandbox/sandbox-store.js';
import { Harness } from '../helpers/harness.js';

const TEMPLATE = (p: string, l1 = '( ) primeira semana', l2 = '( ) segunda semana', l3 = '( ) terceira semana') =>
  ['monitoramento', `P: ${p}`, l1, l2, l3].join('\n');
const PARECER = 'Cliente satisfeito e teve algumas dúvidas.';
const PHONE = '+5521999990000';
const CUSTOMER_CHAT = sandboxChatId(PHONE); // the chat Karoo opens for the follow-up (the fake numbers it as the sandbox does)
const W1 = 'Cliente respondeu ao acompanhamento: "Tudo certo por aqui, obrigado!", sem demanda técnica';

describe('monitoring 2266, end to end through the webhook', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await new Harness('2026-11-23T10:00:00-03:00').start();
  });
  afterEach(async () => {
    await h.stop();
  });

  async function closeImplantation(): Promise<void> {
    await h.agentSays('finalizei a implantação do cliente 123');
    expect(h.lastToAgent()).toContain('Padaria Pão Quente');
    expect(h.lastToAgent()).toContain('parecer');
    await h.agentSays(PARECER);
    expect(h.lastToAgent()).toMatch(/RSP/);
    await h.agentSays('o RSP é o 2026110900017');
  }

  it('registers the 2266 exactly as specified and answers with the protocol and the first check-in', async () => {
    await closeImplantation();
    const t = h.bimer.ticket2266();
    expect(t).toMatchObject({
      CodigoTipoAtendimento: '2266',
      Categoria: 'O',
      Assunto: 'Monitoramento - 2266',
      IdentificadorCliente: '00A0000SQ4',
      IdentificadorUsuarioResponsavel: '00A00000J1',
      DataProvidenciar: '2026-11-30T08:00:00',
      Texto: TEMPLATE(PARECER),
      ChaveExterna: 'karoo-bot:2266:000123:2026-11-23',
      IdentificadorAtendimentoVinculado: '00A0RSP001',
    });
    expect(h.bimer.delegationsOf(t.Identificador)).toEqual([
      expect.objectContaining({ IdentificadorUsuario: '00A00000J1', DataProvidenciar: '2026-11-30T08:00:00' }),
    ]);
    const answer = h.lastToAgent();
    expect(answer).toContain(t.Protocolo);
    expect(answer).toContain('30/11');
    expect(answer).toContain('08:00');
  });

  it('runs the full A–A–A cycle: week lines, delegations, and the hand-over to the supervisor', async () => {
    await closeImplantation();
    const t = h.bimer.ticket2266();

    // Week 1: the customer answers "tudo certo"; the agent confirms, "apenas ok".
    await h.advanceTo('2026-11-30T08:00:00-03:00');
    const followUp = h.karoo.toPhone(PHONE);
    expect(followUp).toHaveLength(1);
    expect(followUp[0]).toContain('Padaria Pão Quente');
    expect(followUp[0]).toContain('João Silva');
    await h.customerSays(CUSTOMER_CHAT, 'Tudo certo por aqui, obrigado!');
    expect(h.karoo.inChat(CUSTOMER_CHAT).at(-1)).toMatch(/agradeço|obrigad/i);
    expect(h.lastToAgent()).toContain('Tudo certo por aqui, obrigado!');
    expect(h.lastToAgent()).toContain('1ª semana');
    await h.agentSays('sim'); // the customer's "all fine", confirmed: no technical demand
    const w1 = h.bimer.tickets.at(-1)!;
    expect(w1).toMatchObject({ CodigoTipoAtendimento: '000029', IdentificadorAtendimentoVinculado: t.Identificador, IdentificadorUsuarioResponsavel: '00A00000J1' });
    expect(h.bimer.ticket2266().Texto).toBe(
      TEMPLATE(PARECER, `(x) primeira semana — ${W1} — protocolo ${w1.Protocolo}`),
    );
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000J1', DataProvidenciar: '2026-12-07T08:00:00' });
    expect(h.lastToAgent()).toContain('07/12');

    // Week 2: a question (000001).
    await h.advanceTo('2026-12-07T08:00:00-03:00');
    await h.customerSays(CUSTOMER_CHAT, 'Não sei como emitir a NFC-e de devolução');
    expect(h.lastToAgent()).toContain('Não sei como emitir a NFC-e de devolução');
    await h.agentSays('sim, falei com ele');
    await h.agentSays('dúvida');
    await h.agentSays('Expliquei a emissão da NFC-e de devolução.');
    const w2 = h.bimer.tickets.at(-1)!;
    expect(w2.CodigoTipoAtendimento).toBe('000001');
    expect(w2.Texto).toContain('Não sei como emitir a NFC-e de devolução');
    expect(h.bimer.ticket2266().Texto).toBe(
      TEMPLATE(
        PARECER,
        `(x) primeira semana — ${W1} — protocolo ${w1.Protocolo}`,
        `(x) segunda semana — Expliquei a emissão da NFC-e de devolução — protocolo ${w2.Protocolo}`,
      ),
    );
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000J1', DataProvidenciar: '2026-12-14T08:00:00' });

    // Week 3: an operation error solved on the call (000002), then the supervisor gets the 2266.
    await h.advanceTo('2026-12-14T08:00:00-03:00');
    await h.customerSays(CUSTOMER_CHAT, 'tudo ok');
    await h.agentSays('sim, com demanda');
    await h.agentSays('2');
    await h.agentSays('Cliente lançava o estoque na tela errada; orientado.');
    const w3 = h.bimer.tickets.at(-1)!;
    expect(w3.CodigoTipoAtendimento).toBe('000002');
    expect(h.bimer.ticket2266().Texto).toBe(
      TEMPLATE(
        PARECER,
        `(x) primeira semana — ${W1} — protocolo ${w1.Protocolo}`,
        `(x) segunda semana — Expliquei a emissão da NFC-e de devolução — protocolo ${w2.Protocolo}`,
        `(x) terceira semana — Cliente lançava o estoque na tela errada; orientado — protocolo ${w3.Protocolo}`,
      ),
    );
    expect(h.bimer.delegationsOf(t.Identificador).at(-1)).toMatchObject({ IdentificadorUsuario: '00A00000S1', DataProvidenciar: '2026-12-14T08:00:00' });
    expect(h.bimer.delegationsOf(t.Identificador)).toHaveLength(4);
    expect(h.lastToAgent()).toMatch(/supervis/);
    expect(h.lastToAgent()).toContain(w3.Protocolo);
    // A user's error put right on the call ("orientado") is no demand left open (found by an outside tester: "segue aberto").
    expect(h.lastToAgent()).not.toMatch(/continua aberto/);
    expect(h.bimer.tickets.filter((x) => x.CodigoTipoAtendimento === '2266')).toHaveLength(1);
    // The supervisor is told in their own bot chat, as the salesperson is in week 1 (an outside tester saw only the delegation).
    const toSupervisor = h.toAgent('carla.supervisora');
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0]).toContain(`2266 (protocolo ${t.Protocolo}) foi delegado a você para encerrar`);
    expect(toSupervisor[0]).not.toContain('segue aberto');
  });
});
