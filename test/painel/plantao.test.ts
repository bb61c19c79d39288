import { describe, expect, it } from 'vitest';
import { plantaoCsv } from '../../src/painel/plantao.js';
import type { PlantaoSummary } from '../../src/flows/plantao/qa-report.js';

/** The plantão's export (src/painel/plantao.ts). */
describe('the plantão CSV', () => {
  // Found by an outside tester: "1 técnicos" on the page and in the export.
  it.each([
    [1, '1 técnico'],
    [2, '2 técnicos'],
  ])('says %i technician(s) in Portuguese: %s', (technicians, said) => {
    const total = { chats: 3, firstResponseMinutes: 4, longestWaitMinutes: 10, longestWaitChat: '101', checkins: 1, closedAfterOk: 1, notices: 1, pending: 0, pendingTo: [], resellerRedirects: 0, technicians, shifts: 1 };
    const summary = { rows: [], total, flags: [] } as unknown as PlantaoSummary;
    const last = plantaoCsv(summary).trim().split('\n').at(-1) ?? '';
    expect(last.split(';')[1]).toBe(said);
  });
});
