import { describe, expect, it } from 'vitest';
import { parseTimerId, timerIds } from '../../src/flows/timer-ids.js';

describe('timer ids, built and read in one place', () => {
  it.each([
    [timerIds.monitoring('000123-2026-11-23', 'due', 2), { kind: 'mon', monitoringId: '000123-2026-11-23', step: 'due', week: 2 }],
    [timerIds.monitoring('000123-2026-11-23', 'seller', 1), { kind: 'mon', monitoringId: '000123-2026-11-23', step: 'seller', week: 1 }],
    [timerIds.chatWake('ch_1'), { kind: 'chat', chatId: 'ch_1', step: 'wake' }],
    [timerIds.chatWake('ch|odd|id'), { kind: 'chat', chatId: 'ch|odd|id', step: 'wake' }],
    [timerIds.pendingEnd('sat-suporte'), { kind: 'pending', shiftId: 'sat-suporte', step: 'end' }],
    [timerIds.pendingDeliver('sat-suporte', 'prime'), { kind: 'pending', shiftId: 'sat-suporte', step: 'deliver', sector: 'prime' }],
    // Armed by the versions before the one wake-up per chat: still read.
    ['chat|ch_1|idle', { kind: 'chat', chatId: 'ch_1', step: 'idle' }],
    ['chat|ch_1|notice', { kind: 'chat', chatId: 'ch_1', step: 'notice' }],
  ])('%s', (id, parsed) => {
    expect(parseTimerId(id)).toEqual(parsed);
  });

  it('reads nothing into an id the bot never built', () => {
    for (const id of ['', 'mon|x', 'mon|x|due|two', 'chat|ch_1|later', 'other|1|2', 'pending|s|deliver']) expect(parseTimerId(id)).toBeNull();
  });
});
