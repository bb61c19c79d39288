import type { FastifyInstance } from 'fastify';
import { expect, inject } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, SANDBOX_KAROO_TOKEN } from '../../src/config.js';
import { build, waitFor, freePort } from '../helpers/build.js';

/** What GET /sandbox/api/state answers. */
export interface SimulatorState {
  now: string;
  nowText: string;
  businessTime: boolean;
  plantao: boolean;
  panes: Record<string, { from: string; text: string; kind: string; template?: string; messageId?: string }[]>;
  staff: { to: string; department: string | null; at: string; atText: string; text: string; template?: string; refused?: string }[];
  tickets: { protocolo: string; tipo: string; texto: string; delegacoes: string[] }[];
}

/** The start of every simulator here: Monday 23/11 10:00 in São Paulo. */
export const SIMULATOR_START = '2026-11-23T10:00:00-03:00';

/** The bot in sandbox mode on a free port, its clock at Monday 23/11 10:00, and the simulator's API as functions. */
export async function simulator(prefix: string) {
  const port = await freePort();
  const clock = new ManualClock(SIMULATOR_START);
  const queuePrefix = `${prefix}-${port}`;
  const config = loadConfig({ SANDBOX: 'true', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'silent' });
  const app: FastifyInstance = await build({ config, clock });
  await app.listen({ host: '127.0.0.1', port });
  const state = async () => (await app.inject('/sandbox/api/state')).json<SimulatorState>();
  const say = async (pane: string, text: string, asAgent = false) =>
    expect((await app.inject({ method: 'POST', url: '/sandbox/api/say', payload: { pane, text, asAgent } })).statusCode).toBe(202);
  const bot = async (pane: string) => (await state()).panes[pane]?.filter((m) => m.from === 'bot').map((m) => m.text) ?? [];
  const clockTo = async (payload: Record<string, unknown>) => expect((await app.inject({ method: 'POST', url: '/sandbox/api/clock', payload })).statusCode).toBe(200);
  /** Until one of the bot's messages in the pane matches. */
  const until = (pane: string, re: RegExp) => waitFor(async () => (await bot(pane)).some((t) => re.test(t)), { timeoutMs: 15_000 });
  /** João closes the implantation of customer 123, the bot registering the RSP. */
  const closeImplantation = async () => {
    await say('agent', 'finalizei a implantação do cliente 123');
    await until('agent', /parecer/);
    await say('agent', 'Cliente satisfeito e teve algumas dúvidas.');
    await until('agent', /RSP/);
    await say('agent', 'registrar');
    await until('agent', /Criei o 2266/);
  };
  /** A message of the bot, on its own initiative, through the sandbox's Karoo (as the outbound worker sends it). */
  const proactive = async (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/sandbox/karoo/v1/messages', headers: { authorization: `Bearer ${SANDBOX_KAROO_TOKEN}` }, payload });
  return { app, clock, queuePrefix, state, say, bot, clockTo, until, closeImplantation, proactive };
}
