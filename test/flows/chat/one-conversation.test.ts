import { describe, expect, it } from 'vitest';
import { parseRoster, Roster } from '../../../src/roster/roster.js';
import type { Effect } from '../../../src/domain/effects.js';
import type { FlowContext } from '../../../src/flows/context.js';
import { flowContext } from '../../helpers/monitoring.js';
import { CHAT, monitoringStory } from '../../helpers/monitoring-story.js';

/**
 * One customer, one conversation (as on WhatsApp), across the two routines and two weeks, as pure
 * functions in milliseconds: the week-1 follow-up on Monday, the customer's answer relayed to the
 * implanter; on Saturday the customer writes again in the same chat and gets the plantão (an idle
 * check-in after 30 minutes, the close after "tudo certo" with the hours), never a promise that
 * the implanter, off duty, will help now; on Monday the week-2 check-in tells the implanter about
 * the weekend contact.
 */

const ROSTER = `
shifts:
  - { date: 2026-12-05, start: "08:00", end: "18:00", sectors: [Implantação, Suporte], manager: marcos.gerente }
staff:
  - { name: Marcos Prado, login: marcos.gerente, sector: Implantação, role: manager }
`;

function context(): FlowContext {
  const base = flowContext();
  return { ...base, roster: new Roster(parseRoster(ROSTER), (d, t) => base.calendar.at(d, t)) };
}

const story = (start = '2026-11-23T10:00:00-03:00') => monitoringStory(start, context());

describe('one customer, one conversation: the monitoring and the plantão on the same chat', () => {
  it('plays the week, the Saturday plantão and the Monday check-in', () => {
    const { driver, tickets, at, agentSays, customerSays, toChat, toAgent, close } = story();
    const closes = (effects: Effect[]) => effects.filter((e) => e.type === 'karoo.closeChat' && e.chatId === CHAT);
    close();
    expect(tickets.map((t) => t.typeCode)).toEqual(['2266']);

    // Monday 30/11: the week-1 follow-up, signed by the implanter; the answer is relayed in his voice.
    const followUp = at('2026-11-30T08:00:00').filter((e) => e.type === 'karoo.proactive' && 'phone' in e.to);
    expect(followUp).toHaveLength(1);
    expect(driver.proactiveChats).toEqual([CHAT]);
    const answered = customerSays('Tudo certo por aqui, obrigada!');
    const [thanks] = toChat(answered);
    expect(thanks).toMatch(/Maria/);
    expect(thanks).not.toMatch(/João/); // he signed the follow-up: never "vou avisar João"
    expect(toAgent(answered).join('\n')).toContain('Tudo certo por aqui, obrigada!');
    agentSays('sim');
    expect(tickets.map((t) => t.typeCode)).toEqual(['2266', '000029']);

    // Saturday 05/12, a plantão shift on: the same chat gets the plantão, and the implanter is not disturbed.
    at('2026-12-05T10:00:00');
    const saturday = customerSays('alguém de plantão? o sistema está dando rejeição na NFC-e e não consigo vender');
    expect(toChat(saturday)).toEqual([]); // no "Encaminhei para João": he is off duty
    expect(toAgent(saturday)).toEqual([]);
    expect(at('2026-12-05T10:29:00').filter((e) => e.type === 'karoo.sendMessage')).toEqual([]);
    const checkIn = toChat(at('2026-12-05T10:30:00'));
    expect(checkIn).toHaveLength(1);
    expect(checkIn[0]).toMatch(/Maria/);
    expect(checkIn[0]).not.toMatch(/João/);

    at('2026-12-05T10:35:00');
    const ok = customerSays('tudo certo, obrigada');
    expect(toChat(ok)).toEqual([]); // no "João vai ficar sabendo"
    expect(at('2026-12-05T10:54:00').filter((e) => e.type === 'karoo.closeChat')).toEqual([]);
    const closing = at('2026-12-05T10:55:00');
    expect(closes(closing)).toHaveLength(1);
    const [bye] = toChat(closing);
    expect(bye).toContain('18:00');
    expect(bye).toContain('segunda-feira, 07/12 às 08:00');
    expect(toAgent(closing)).toEqual([]);
    // Nothing for the implanter all weekend.
    expect(toAgent(at('2026-12-07T07:59:00'))).toEqual([]);

    // Monday 07/12: the week-2 follow-up, in the same chat; the check-in tells the implanter about Saturday.
    expect(at('2026-12-07T08:00:00').filter((e) => e.type === 'karoo.proactive' && 'phone' in e.to)).toHaveLength(1);
    expect(driver.proactiveChats).toEqual([CHAT, CHAT]);
    const monday = customerSays('oi, agora ta tudo certo sim');
    const relayed = toChat(monday);
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).not.toMatch(/João/);
    const prompt = toAgent(monday).join('\n');
    expect(prompt).toContain('2ª semana');
    expect(prompt).toContain('plantão');
    expect(prompt).toContain('sábado, 05/12');
    expect(prompt).toContain('rejeição na NFC-e');
    // Once recorded, the weekend's notes are not told again.
    agentSays('sim');
    expect(tickets.map((t) => t.typeCode)).toEqual(['2266', '000029', '000029']);
  });

  it("a Friday follow-up answered on the plantão: that is the week's answer, and the check-in comes at Monday's opening, not Monday's end", () => {
    // Closed on Friday 27/11: the week-1 follow-up goes on Friday 04/12, its window runs to Monday's end.
    const { at, customerSays, toAgent, close } = story('2026-11-27T10:00:00-03:00');
    close();
    at('2026-12-04T08:00:00');
    expect(toAgent(at('2026-12-05T09:00:00'))).toEqual([]);
    const saturday = customerSays('o sistema parou de emitir nota, alguem pode ajudar?');
    expect(toAgent(saturday)).toEqual([]);
    const sunday = at('2026-12-06T23:00:00');
    expect(toAgent(sunday)).toEqual([]);
    const monday = toAgent(at('2026-12-07T08:00:00'));
    expect(monday).toHaveLength(1);
    expect(monday[0]).toContain('1ª semana');
    expect(monday[0]).toContain('no plantão (sábado, 05/12 às 09:00');
    expect((monday[0] ?? '').split('parou de emitir nota')).toHaveLength(2); // told once
  });
});
