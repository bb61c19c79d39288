import type { FastifyInstance } from 'fastify';
import { describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { build, waitFor, freePort } from '../helpers/build.js';


interface State {
  nowText: string;
  panes: Record<string, { from: string; text: string; kind: string }[]>;
  tickets: { protocolo: string; tipo: string; texto: string; delegacoes: string[] }[];
}

describe('the simulator API (sandbox)', () => {
  it('plays an implantation close, a week-1 check-in and a Saturday end-of-shift notice', async () => {
    const port = await freePort();
    const clock = new ManualClock('2026-11-23T10:00:00-03:00');
    const config = loadConfig({ SANDBOX: 'true', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: `sim-${port}`, LOG_LEVEL: 'silent' });
    const app: FastifyInstance = await build({ config, clock });
    await app.listen({ host: '127.0.0.1', port });
    try {
      const state = async () => (await app.inject('/sandbox/api/state')).json<State>();
      const say = async (pane: string, text: string, asAgent = false) =>
        expect((await app.inject({ method: 'POST', url: '/sandbox/api/say', payload: { pane, text, asAgent } })).statusCode).toBe(202);
      const lastBot = async (pane: string) => (await state()).panes[pane]?.filter((m) => m.from === 'bot').at(-1)?.text ?? '';
      const until = (pane: string, re: RegExp) => waitFor(async () => re.test(await lastBot(pane)), { timeoutMs: 15_000 });

      expect((await app.inject('/sandbox')).body).toContain('simulador');
      const malformed = await app.inject({ method: 'POST', url: '/sandbox/api/say', headers: { 'content-type': 'application/json' }, payload: '{"pane": "agent", ' });
      expect(malformed.statusCode).toBe(400);
      await say('agent', 'finalizei a implantação do cliente 123');
      await until('agent', /parecer/);
      await say('agent', 'Cliente satisfeito e teve algumas dúvidas.');
      await until('agent', /RSP/);
      await say('agent', 'registrar');
      await until('agent', /Criei o 2266/);
      const t2266 = await waitFor(async () => (await state()).tickets.find((t) => t.tipo === '2266' && t.delegacoes.length > 0));
      expect(t2266.texto).toContain('P: Cliente satisfeito e teve algumas dúvidas.');
      expect(t2266.delegacoes[0]).toContain('2026-11-30T08:00:00 → João Silva');

      expect((await app.inject({ method: 'POST', url: '/sandbox/api/clock', payload: { action: 'advance', minutes: 7 * 24 * 60 - 120 } })).statusCode).toBe(200);
      await until('customer', /1ª semana/);
      await say('customer', 'Tudo certo por aqui!');
      await until('agent', /Tudo certo por aqui!/);
      await say('agent', 'sim');
      await waitFor(async () => (await state()).tickets.find((t) => t.tipo === '2266')?.texto.includes('(x) primeira semana'), { timeoutMs: 15_000 });

      await app.inject({ method: 'POST', url: '/sandbox/api/clock', payload: { action: 'saturday' } });
      expect((await state()).nowText).toBe('sábado, 05/12 às 17:30');
      await say('partner', 'oi, cliente com rejeição na NFC-e');

      await until('partner', /ainda temos 30 minutos para auxiliá-lo/);
    } finally {
      await app.close();
    }
  }, 60_000);
});
