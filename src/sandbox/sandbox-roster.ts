import type { BusinessCalendar } from '../calendar/business-calendar.js';
import { addDays } from '../calendar/business-calendar.js';
import type { RosterData } from '../roster/roster.js';

/** A plantão roster for the sandbox: every weekend day and holiday of the next 60 days, 08:00–18:00. */
export function sandboxRoster(calendar: BusinessCalendar, from: Date): RosterData {
  const shifts: RosterData['shifts'] = [];
  let date = calendar.localDate(from);
  for (let i = 0; i < 60; i++, date = addDays(date, 1)) {
    if (calendar.isBusinessDay(calendar.at(date, '12:00'))) continue;
    shifts.push({ date, start: '08:00', end: '18:00', sectors: ['implantacao', 'partner', 'prime', 'suporte'], manager: 'marcos.gerente' });
  }
  return {
    shifts,
    staff: [
      { name: 'Carla Mendes', login: 'carla.supervisora', sector: 'implantacao', role: 'supervisor', vacations: [] },
      { name: 'Ana Lima', login: 'ana.lima', sector: 'suporte', role: 'supervisor', vacations: [{ from: calendar.localDate(from), to: addDays(calendar.localDate(from), 30) }] },
      { name: 'Bruno Costa', login: 'bruno.costa', sector: 'suporte', role: 'manager', vacations: [] },
      { name: 'Marcos Prado', login: 'marcos.gerente', sector: 'partner', role: 'manager', vacations: [] },
      { name: 'Quitéria Alves', login: 'quiteria.qa', role: 'qa', vacations: [] },
    ],
    extraHolidays: [],
  };
}
