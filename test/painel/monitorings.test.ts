import { describe, expect, it } from 'vitest';
import { filterRows, monitoringRows, rowsCsv } from '../../src/painel/monitorings.js';
import { flowContext } from '../helpers/monitoring.js';
import { SEED_NOW, seededMonth } from '../helpers/painel-seed.js';

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
    expect(csv[0]).toBe('Cliente;Código;Implantador;Login;Semana;Próximo contato;Estado;Detalhe;Protocolos');
    expect(csv).toHaveLength(rows.length + 2); // the header, the rows and the final line break
    expect(csv[1]).toBe('Mercado Bom Preço;000456;João Silva;joao.silva;1;segunda-feira, 23/11 às 08:00;atrasado;"1ª semana vencida em 23/11/2026; aguardando o registro do implantador";2266 2026110200012, RSP R2026110200012');
  });
});
