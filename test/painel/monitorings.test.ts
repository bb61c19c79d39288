import { describe, expect, it } from 'vitest';
import { filterRows, monitoringRows, rowsCsv } from '../../src/painel/monitorings.js';
import { flowContext } from '../helpers/monitoring.js';
import { SEED_NOW, seededMonth } from '../helpers/painel-seed.js';
import { monitoringStory } from '../helpers/monitoring-story.js';
import type { AgentState } from '../../src/flows/agent-state.js';

const { calendar } = flowContext();

describe("the supervisors' monitoring rows", () => {
  const rows = monitoringRows(seededMonth(), SEED_NOW, calendar);

  it('lists every monitoring with its state, late ones first, then by next contact', () => {
    expect(rows.map((r) => [r.customer, r.state, r.week])).toEqual([
      ['Mercado Bom Preço', 'atrasado', 1],
      ['Posto Estrela', 'no prazo', 3],
      ['Padaria Pão Quente', 'no prazo', 2],
      ['Farmácia Vida', 'com o vendedor', 1],
      ['Loja das Tintas', 'aguardando a supervisão', 3],
    ]);
  });

  it('says why a late one is late, when the next contact is, and every protocol', () => {
    const late = rows[0];
    expect(late?.detail).toBe('1ª semana vencida em 23/11/2026; aguardando o registro do implantador');
    expect(rows.find((r) => r.customer === 'Padaria Pão Quente')?.nextContact).toBe('segunda-feira, 30/11 às 08:00');
    expect(rows.find((r) => r.customer === 'Loja das Tintas')).toMatchObject({ nextContact: null, protocols: ['2266 2026110200014', 'RSP R2026110200014', '000001 2026110900201', '000029 2026111600202', '000002 2026112300203'] });
  });

  it('filters by implanter and by state', () => {
    expect(filterRows(rows, { agent: 'joao.silva' }).map((r) => r.customerCode)).toEqual(['000456', '000123']);
    expect(filterRows(rows, { state: 'no prazo' }).map((r) => r.customerCode)).toEqual(['000654', '000123']);
    expect(filterRows(rows, { agent: 'ana.souza', state: 'atrasado' })).toEqual([]);
  });

  it('exports the same rows as CSV, quoting what needs it', () => {
    const csv = rowsCsv(rows).split('\r\n');
    expect(csv[0]).toBe('Cliente;Código;Implantador;Login;Semana;Próximo contato;Estado;Detalhe;Último acompanhamento;Protocolos');
    expect(csv).toHaveLength(rows.length + 2); // the header, the rows and the final line break
    expect(csv[1]).toBe('Mercado Bom Preço;000456;João Silva;joao.silva;1;segunda-feira, 23/11 às 08:00;atrasado;"1ª semana vencida em 23/11/2026; aguardando o registro do implantador";;2266 2026110200012, RSP R2026110200012');
  });

  it("shows each open cycle's last follow-up as enviado, entregue, lido or falhou (and why)", () => {
    const states = seededMonth();
    const all = states.flatMap((st) => Object.values(st.monitorings));
    const base = { messageId: 'msg_1', error: null, at: '2026-11-23T11:00:00.000Z', tried: ['+5521999990000'], phone: '+5521999990000' };
    const set = (code: string, f: Record<string, unknown>) => {
      const m = all.find((x) => x.customer.code === code);
      if (m) m.followUp = { ...base, week: m.week, form: 'template', state: null, ...f };
    };
    set('000456', { state: 'failed', error: 'not_on_whatsapp' });
    set('000654', { state: 'read', form: 'text' });
    set('000123', { state: null });
    const byCode = new Map(monitoringRows(states, SEED_NOW, calendar).map((r) => [r.customerCode, r.followUp]));
    expect(byCode.get('000456')).toBe('falhou (número sem WhatsApp), 1ª semana');
    expect(byCode.get('000654')).toBe('lido, 3ª semana');
    expect(byCode.get('000123')).toBe('enviado, 2ª semana, modelo');
  });

  // Found by an outside tester: a follow-up the customer had answered still read "enviado" (no status came, or it came after the cycle).
  it('shows a follow-up the customer answered as answered; an answer older than it does not count', () => {
    const states = seededMonth();
    const all = states.flatMap((st) => Object.values(st.monitorings));
    const m = all.find((x) => x.customer.code === '000123');
    if (!m) throw new Error('seed changed');
    m.followUp = { messageId: 'msg_1', error: null, at: '2026-11-23T11:00:00.000Z', tried: [], phone: '+5521999990000', week: m.week, form: 'template', state: null };
    const row = () => monitoringRows(states, SEED_NOW, calendar).find((r) => r.customerCode === '000123')?.followUp;
    m.customerReply = { kind: 'ok', text: 'tudo certo por aqui', at: '2026-11-23T12:10:00.000Z' };
    expect(row()).toBe('respondido pelo cliente, 2ª semana, modelo');
    m.customerReply = { kind: 'issue', text: 'o caixa travou', at: '2026-11-23T10:00:00.000Z' };
    expect(row()).toBe('enviado, 2ª semana, modelo');
    m.customerReply = { kind: 'none', text: '', at: '2026-11-24T21:00:00.000Z' };
    expect(row()).toBe('enviado, 2ª semana, modelo');
    // Found by an outside tester (2026-12-07): answered with an opt-out, it still read "enviado".
    m.optOut = true;
    m.optOutAt = '2026-11-23T12:30:00.000Z';
    expect(row()).toBe('respondido pelo cliente (pediu para não receber mais mensagens), 2ª semana, modelo');
  });
  // Found by an outside tester (2026-12-07): answered, then the week recorded, it read "enviado, 1ª semana" again.
  it('keeps a follow-up the customer answered as answered once the week is recorded', () => {
    const story = monitoringStory('2026-11-23T10:00:00-03:00');
    story.close();
    story.at('2026-11-30T08:00:00');
    story.at('2026-11-30T08:05:00');
    story.customerSays('tudo certo por aqui, obrigada');
    story.agentSays('sim');
    story.at('2026-12-01T18:00:00');
    const state = story.driver.state('agent:joao.silva') as AgentState;
    const [row] = monitoringRows([state], story.driver.now, calendar);
    expect(row?.followUp).toBe('respondido pelo cliente, 1ª semana');
  });
});
