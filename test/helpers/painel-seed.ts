import type { FastifyInstance } from 'fastify';
import type { AgentState } from '../../src/flows/agent-state.js';
import type { Monitoring, WeekNo } from '../../src/flows/monitoring/model.js';

/**
 * A seeded month of monitorings for the supervisors' page: two implanters, a cycle in every
 * state, one late. "Now" is Thursday 26/11/2026 10:00 in São Paulo.
 */
export const SEED_NOW = new Date('2026-11-26T13:00:00Z');

/** A recorded week: its ticket, when it was due and when the implanter recorded it. */
type Week = { code: string; protocolo: string; dueAt: string; at: string };

function monitoring(
  code: string,
  name: string,
  agent: { id: string; login: string; name: string },
  week: WeekNo,
  phase: Monitoring['phase'],
  dueAt: string,
  protocolo: string,
  weeks: Partial<Record<WeekNo, Week>> = {},
): Monitoring {
  return {
    id: `${code}-2026-11-02`,
    customer: { id: `P${code}`, code, name, phone: '+5521999990001', sellerId: 'U9', resellerId: null },
    agent: { id: agent.id, login: agent.login, name: agent.name, supervisorId: 'U2' },
    parecer: 'Cliente satisfeito.',
    rsp: { id: `R${code}`, protocolo: `R${protocolo}` },
    ticket: { id: `T${code}`, protocolo },
    createdAt: '2026-11-02T14:00:00.000Z',
    week,
    dueAt,
    phase,
    weeks: Object.fromEntries(Object.entries(weeks).map(([w, r]) => [w, { note: 'contato registrado', scenario: 'A', ...r }])),
    customerChatId: null,
    customerReply: null,
    optOut: false,
    reminders: 0,
    seller: { id: 'U9', login: 'pedro.vendas', name: 'Pedro Alves' },
    openDemand: null,
  };
}

const joao = { id: 'U1', login: 'joao.silva', name: 'João Silva' };
const D9 = '2026-11-09T11:00:00.000Z';
const D16 = '2026-11-16T11:00:00.000Z';
const D23 = '2026-11-23T11:00:00.000Z';
const ana = { id: 'U3', login: 'ana.souza', name: 'Ana Souza' };

function state(agent: typeof joao, list: Monitoring[]): AgentState {
  return { kind: 'agent', version: 3, stream: `agent:${agent.login}`, login: agent.login, name: agent.name, dialog: { kind: 'idle' }, queue: [], monitorings: Object.fromEntries(list.map((m) => [m.id, m])) };
}

export function seededMonth(): AgentState[] {
  return [
    state(joao, [
      monitoring('000123', 'Padaria Pão Quente', joao, 2, 'scheduled', '2026-11-30T11:00:00.000Z', '2026110200011', { 1: { code: '000029', protocolo: '2026110900101', dueAt: D9, at: '2026-11-09T14:00:00.000Z' } }),
      // Due on Monday 23/11, not recorded by the end of Tuesday: late.
      monitoring('000456', 'Mercado Bom Preço', joao, 1, 'agent_checkin', '2026-11-23T11:00:00.000Z', '2026110200012'),
    ]),
    state(ana, [
      { ...monitoring('000789', 'Farmácia Vida', ana, 1, 'seller_wait', '2026-11-16T11:00:00.000Z', '2026110900013'), sellerHandOverAt: '2026-11-17T21:00:00.000Z' },
      monitoring('000321', 'Loja das Tintas', ana, 3, 'done', '2026-11-23T11:00:00.000Z', '2026110200014', {
        1: { code: '000001', protocolo: '2026110900201', dueAt: D9, at: '2026-11-09T15:00:00.000Z' },
        2: { code: '000029', protocolo: '2026111600202', dueAt: D16, at: '2026-11-16T15:00:00.000Z' },
        // Recorded this week, by the end of the day after it was due: the cycle finished on time.
        3: { code: '000002', protocolo: '2026112300203', dueAt: D23, at: '2026-11-24T17:00:00.000Z' },
      }),
      // Due today, the customer has until the end of tomorrow: on time.
      monitoring('000654', 'Posto Estrela', ana, 3, 'customer_wait', '2026-11-26T11:00:00.000Z', '2026110200015', {
        1: { code: '000029', protocolo: '2026110900301', dueAt: D9, at: '2026-11-09T16:00:00.000Z' },
        2: { code: '000025', protocolo: '2026111600302', dueAt: D16, at: '2026-11-17T20:00:00.000Z' },
      }),
    ]),
  ];
}

/** Writes the seeded month into the app's Redis, as the processor writes the agents' states. */
export async function seed(app: FastifyInstance): Promise<void> {
  // Each state and its version (kept beside it: the store's scripts compare that).
  for (const state of seededMonth()) await app.redis.request.mset(app.redis.keys.state(state.stream), JSON.stringify(state), app.redis.keys.stateVersion(state.stream), String(state.version));
}
