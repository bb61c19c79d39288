import { describe, expect, it } from 'vitest';
import { checkinReminder } from '../../../src/flows/monitoring/messages.js';
import type { Monitoring } from '../../../src/flows/monitoring/model.js';
import { flowContext } from '../../helpers/monitoring.js';

const m: Monitoring = {
  id: '000123-2026-11-23',
  customer: { id: 'P1', code: '000123', name: 'Padaria Pão Quente', phone: '+5521999990001', sellerId: 'U9', resellerId: null },
  agent: { id: 'U1', login: 'joao.silva', name: 'João Silva', supervisorId: 'U2' },
  parecer: 'Cliente satisfeito.',
  rsp: null,
  ticket: { id: 'T1', protocolo: '2026112300043' },
  createdAt: '2026-11-23T13:00:00.000Z',
  week: 2,
  dueAt: '2026-12-07T11:00:00.000Z',
  phase: 'agent_checkin',
  weeks: {},
  customerChatId: null,
  customerReply: null,
  optOut: false,
  reminders: 0,
  seller: null,
  openDemand: null,
};

describe("the check-in's reminders", () => {
  // Found in the sandbox: the 3rd and the 4th reminder of a week read the same but for their number.
  it.each(['evt_1', 'evt_2', 'timer|x|1'])('two in a row are never worded alike (seed %s)', (seed) => {
    const cal = flowContext().calendar;
    const wording = [1, 2, 3, 4].map((n) => checkinReminder(seed, m, n, 5, cal).replace(/\d+/g, '#'));
    for (const [i, w] of wording.entries()) if (i > 0) expect(w).not.toBe(wording[i - 1]);
  });
});
