import { parseRoster, Roster } from '../../src/roster/roster.js';
import type { FlowContext } from '../../src/flows/context.js';
import { flowContext } from './monitoring.js';

/**
 * The plantão tests' roster. Friday 20/11/2026 is a national holiday (Consciência Negra); then
 * Saturday, Sunday, Monday.
 */
export const PLANTAO_ROSTER = `
shifts:
  - { date: 2026-11-20, start: "08:00", end: "18:00", sectors: [Implantação, Partner, Suporte], manager: marcos.gerente }
  - { date: 2026-11-21, start: "08:00", end: "18:00", sectors: [Implantação, Partner, Prime, Suporte], manager: marcos.gerente }
  - { date: 2026-11-22, start: "08:00", end: "12:00", sectors: [Suporte, Partner] }
staff:
  - { name: Ana Lima, login: ana.lima, sector: Suporte, role: supervisor, vacations: [{ from: 2026-11-20, to: 2026-12-04 }] }
  - { name: Bruno Costa, login: bruno.costa, sector: Suporte, role: manager }
  - { name: Carla Mendes, login: carla.supervisora, sector: Implantação, role: supervisor }
  - { name: Marcos Prado, login: marcos.gerente, sector: Partner, role: manager }
`;

/** The app's default flow context with that roster in force (the pure plantão tests). */
export function plantaoContext(): FlowContext {
  const base = flowContext();
  return { ...base, roster: new Roster(parseRoster(PLANTAO_ROSTER), (d, t) => base.calendar.at(d, t)) };
}
