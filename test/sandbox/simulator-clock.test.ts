import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { describeJump, timerLabel } from '../../src/sandbox/next-event.js';
import { clockRewinder, SandboxClock } from '../../src/sandbox/sandbox-clock.js';

const chatName = (chatId: string) => (chatId === 'ch_sbx_partner' ? 'parceiro' : null);

describe("the simulator's clock tools", () => {
  it('name every timer the bot arms in Portuguese', () => {
    expect(timerLabel('mon|000123-2026-11-23|due|2', chatName)).toBe('acompanhamento semanal do cliente 000123 (2ª semana)');
    expect(timerLabel('mon|000123-2026-11-23|window|1', chatName)).toBe('fim do prazo de resposta do cliente 000123 (1ª semana)');
    expect(timerLabel('mon|000123-2026-11-23|remind|3', chatName)).toBe('lembrete ao agente sobre o contato da 3ª semana do cliente 000123');
    expect(timerLabel('mon|000123-2026-11-23|seller|1', chatName)).toBe('lembrete ao agente sobre o retorno do vendedor (cliente 000123)');
    expect(timerLabel('chat|ch_sbx_partner|wake', chatName)).toBe('verificação do chat de plantão (parceiro)');
    expect(timerLabel('chat|ch_other|wake', chatName)).toBe('verificação do chat de plantão');
    expect(timerLabel('pending|2026-11-28|end', chatName)).toBe('fim do plantão: as pendências marcadas vão para a supervisão');
    expect(timerLabel('pending|2026-11-28|deliver|suporte', chatName)).toBe('entrega das pendências do plantão à supervisão de Suporte');
    expect(timerLabel('qa|2026-11-30|report', chatName)).toBe('relatório do plantão para a qualidade');
    expect(timerLabel('something|else', chatName)).toBe('evento agendado do bot');
  });

  it('say where the clock went and what fired, or that nothing is armed', () => {
    const describe = (at: Date) => at.toISOString();
    expect(describeJump(null, describe)).toBe('Nenhum evento agendado.');
    const at = new Date('2026-11-30T11:00:00Z');
    expect(describeJump({ at, labels: ['a', 'b'], fired: 2 }, describe)).toBe('Avançou até 2026-11-30T11:00:00.000Z — a; b');
    expect(describeJump({ at, labels: ['a', 'b', 'c', 'd', 'e'], fired: 5 }, describe)).toBe('Avançou até 2026-11-30T11:00:00.000Z — a; b; c; e mais 2');
  });

  it('rewind to where the sandbox began: the real time, or the instant a manual clock started at', () => {
    const sandbox = new SandboxClock();
    const rewindSandbox = clockRewinder(sandbox);
    sandbox.advance(7 * 24 * 3600_000);
    expect(sandbox.offset).toBe(7 * 24 * 3600_000);
    rewindSandbox();
    expect(sandbox.offset).toBe(0);

    const manual = new ManualClock('2026-11-23T10:00:00-03:00');
    const rewindManual = clockRewinder(manual);
    manual.advance(3600_000);
    rewindManual();
    expect(manual.now().toISOString()).toBe('2026-11-23T13:00:00.000Z');
  });
});
