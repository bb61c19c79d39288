import { describe, expect, it } from 'vitest';
import { checkinReminder } from '../../../src/flows/monitoring/messages.js';
import { monitoringWaiting } from '../../../src/eval/checkin.js';
import { flowContext } from '../../helpers/monitoring.js';

const m = monitoringWaiting();

describe("the check-in's reminders", () => {
  // Found in the sandbox: the 3rd and the 4th reminder of a week read the same but for their number.
  it.each(['evt_1', 'evt_2', 'timer|x|1'])('two in a row are never worded alike (seed %s)', (seed) => {
    const cal = flowContext().calendar;
    const wording = [1, 2, 3, 4].map((n) => checkinReminder(seed, m, n, 5, cal).replace(/\d+/g, '#'));
    for (const [i, w] of wording.entries()) if (i > 0) expect(w).not.toBe(wording[i - 1]);
  });

  // Found by an outside tester: the first reminder did not say since when the week was pending, as ROUTINES.md says each does.
  it.each(['evt_1', 'evt_2', 'evt_3', 'timer|x|1'])('each says since when the week is pending (seed %s)', (seed) => {
    const cal = flowContext().calendar;
    const since = cal.describeDay(new Date(m.dueAt));
    for (const n of [1, 2, 3, 5]) expect(checkinReminder(seed, m, n, 5, cal)).toContain(since);
  });

  // Found by an outside tester (2026-12-08): the customer had written back with a problem, and the reminders read as if they had not.
  it.each(['evt_1', 'evt_2'])('say the customer wrote back when they did, the "não" being the implanter not reaching them after it (seed %s)', (seed) => {
    const cal = flowContext().calendar;
    const answered = { ...m, week: 1 as const, customerReply: { kind: 'issue' as const, text: 'ta funcionando mas as vezes trava', at: m.dueAt } };
    for (const n of [2, 3]) {
      const text = checkinReminder(seed, answered, n, 5, cal);
      expect(text).toContain('O cliente respondeu ao acompanhamento');
      expect(text).toContain('O cliente respondeu ao acompanhamento: se');
    }
    for (const n of [2, 3]) expect(checkinReminder(seed, { ...answered, customerReply: null }, n, 5, cal)).not.toContain('respondeu ao acompanhamento');
  });
});
