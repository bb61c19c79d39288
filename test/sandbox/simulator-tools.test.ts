import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/build.js';
import { simulator, SIMULATOR_START } from './simulator-harness.js';

/** The simulator's tools for a newcomer (issue 25): "Próximo evento", "Reiniciar", the staff's messages, dated protocols. */

interface Jump {
  now: string;
  nowText: string;
  fired: number;
  next: { at: string; labels: string[] } | null;
  message: string;
}

describe('the simulator tools (sandbox)', () => {
  it('"Próximo evento" jumps the clock to the earliest armed timer, which fires, and says what it was', async () => {
    const { app, state, until, closeImplantation } = await simulator('sim-next');
    try {
      const next = async () => {
        const res = await app.inject({ method: 'POST', url: '/sandbox/api/clock/next', payload: {} });
        expect(res.statusCode).toBe(200);
        return res.json<Jump>();
      };
      // Nothing armed yet: the clock stays.
      expect(await next()).toMatchObject({ next: null, fired: 0, message: 'Nenhum evento agendado.' });
      expect((await state()).now).toBe(new Date(SIMULATOR_START).toISOString());

      await closeImplantation();
      await waitFor(async () => (await app.queues.timers.queue.getDelayed()).some((j) => j.data.t.startsWith('mon|')));
      const jump = await next();
      expect(jump.next).toEqual({ at: '2026-11-30T11:00:00.000Z', labels: ['acompanhamento semanal do cliente 000123 (1ª semana)'] });
      expect(jump.fired).toBe(1);
      expect(jump.message).toBe('Avançou até segunda-feira, 30/11 às 08:00 — acompanhamento semanal do cliente 000123 (1ª semana)');
      expect((await state()).nowText).toBe('segunda-feira, 30/11 às 08:00');
      // It fired as every clock move fires: the customer gets the week's follow-up.
      await until('customer', /1ª semana/);

      // A cross-site form cannot move the clock.
      const forged = await app.inject({ method: 'POST', url: '/sandbox/api/clock/next', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, payload: 'x' });
      expect(forged.statusCode).toBe(403);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('"Reiniciar" empties the sandbox (keys, queues, stand-ins, clock) and the running bot plays a new monitoring right away', async () => {
    const { app, queuePrefix, state, clockTo, until, say, closeImplantation } = await simulator('sim-reset');
    const redis = app.redis.request;
    try {
      await closeImplantation();
      await waitFor(async () => (await app.queues.timers.queue.getDelayedCount()) > 0);
      await clockTo({ action: 'advance', minutes: 60 });
      expect((await state()).tickets.map((t) => t.tipo)).toEqual(expect.arrayContaining(['000030', '2266']));
      expect(await redis.keys(`${queuePrefix}:state:*`)).not.toHaveLength(0);

      // A cross-site form cannot reset.
      const forged = await app.inject({ method: 'POST', url: '/sandbox/api/reset', headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, payload: 'x' });
      expect(forged.statusCode).toBe(403);
      expect((await state()).tickets).toHaveLength(3);

      // Reset while the bot is busy with a message: its work finishes (or waits) first, and nothing of it is left.
      await say('agent', 'finalizei a implantação do cliente 123');
      const res = await app.inject({ method: 'POST', url: '/sandbox/api/reset', payload: {} });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ reset: true, now: new Date(SIMULATOR_START).toISOString(), nowText: 'segunda-feira, 23/11 às 10:00' });
      expect(res.json<{ keys: number }>().keys).toBeGreaterThan(0);

      // Nothing of the bot's is left but the queues' own settings.
      for (const part of ['state', 'state-version', 'dedupe', 'outbox', 'owner', 'sandbox', 'wa-window', 'audit']) expect(await redis.keys(`${queuePrefix}:${part}:*`)).toEqual([]);
      expect(await redis.exists(`${queuePrefix}:timers-armed`)).toBe(0);
      expect(await app.queues.timers.queue.getDelayedCount()).toBe(0);
      expect(await app.queues.events.queues[0]?.getGlobalConcurrency()).toBe(1);
      const fresh = await state();
      expect(fresh.now).toBe(new Date(SIMULATOR_START).toISOString());
      expect(Object.values(fresh.panes).flat()).toEqual([]);
      expect(fresh.staff).toEqual([]);
      expect(fresh.tickets.map((t) => t.protocolo)).toEqual(['2026110900017']); // the seed's RSP only
      expect(app.sandbox?.store.bimer.delegations).toEqual([]);
      await new Promise((r) => setTimeout(r, 1000));
      expect(Object.values((await state()).panes).flat()).toEqual([]); // nothing of the busy work came in after

      // The bot goes on: the same monitoring again, from the start, and its week-1 timer fires.
      await closeImplantation();
      const t2266 = await waitFor(async () => (await state()).tickets.find((t) => t.tipo === '2266' && t.delegacoes.length > 0));
      expect(t2266.protocolo).toBe('2026112300002');
      await waitFor(async () => (await app.queues.timers.queue.getDelayedCount()) > 0);
      await clockTo({ action: 'advance', minutes: 7 * 24 * 60 - 120 });
      await until('customer', /1ª semana/);
      await say('customer', 'Tudo certo por aqui!');
      await until('agent', /Tudo certo por aqui!/);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('shows the messages to people no chat shows (the reseller, a supervisor), with who, when and the text', async () => {
    const { app, state, say, clockTo, proactive } = await simulator('sim-staff');
    try {
      // The reseller's customer calls the Saturday plantão: the reseller is told on its own phone.
      await clockTo({ action: 'saturday', time: '10:00' });
      await say('reseller', 'bom dia, o sistema não abre aqui no mercado');
      const notice = await waitFor(async () => (await state()).staff.find((m) => m.template === 'aviso_revenda'), { timeoutMs: 15_000 });
      expect(notice).toMatchObject({ to: 'Carlos Souza (Revenda Sul Sistemas), (51) 93333-4444', department: 'partner', atText: 'sábado, 28/11 às 10:00' });
      expect(notice.text).toContain('Mercado Bom Preço');

      // A supervisor's message, hostile text and all (the page escapes it), and one to João (his pane shows it, not this one).
      const hostile = '<img src=x onerror="alert(1)"> pendências & <b>aviso</b>';
      expect((await proactive({ to: { login: 'carla.supervisora' }, department: 'bot', text: hostile })).statusCode).toBe(201);
      expect((await proactive({ to: { login: 'joao.silva' }, department: 'bot', text: 'só para o João' })).statusCode).toBe(201);
      expect((await proactive({ to: { login: 'quem.sabe' }, text: 'sem departamento' })).statusCode).toBe(201);
      const { staff, panes } = await state();
      expect(staff.slice(-2)).toEqual([
        { to: 'Carla Mendes (carla.supervisora)', department: 'bot', at: expect.any(String), atText: 'sábado, 28/11 às 10:00', text: hostile },
        { to: 'quem.sabe', department: null, at: expect.any(String), atText: 'sábado, 28/11 às 10:00', text: 'sem departamento' },
      ]);
      expect(staff.map((m) => m.text)).not.toContain('só para o João');
      expect(panes.agent?.map((m) => m.text)).toContain('só para o João');
    } finally {
      await app.close();
    }
  }, 60_000);

  it("dates the sandbox's protocols by the bot's clock (its day in São Paulo) with a sequence of the day", async () => {
    const { app, clockTo } = await simulator('sim-proto');
    try {
      const token = (await app.inject({ method: 'POST', url: '/sandbox/bimer/oauth/token', payload: {} })).json<{ access_token: string }>().access_token;
      const create = async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/sandbox/bimer/api/crm/atendimentos',
          headers: { authorization: `Bearer ${token}` },
          payload: { CodigoTipoAtendimento: '000029', IdentificadorCliente: '00A0000SQ4', Texto: 'teste', ChaveExterna: '' },
        });
        return res.json<{ ListaObjetos: { Protocolo: string }[] }>().ListaObjetos[0]?.Protocolo;
      };
      expect(await create()).toBe('2026112300001'); // Monday 23/11 10:00
      await clockTo({ action: 'advance', minutes: 12 * 60 + 30 }); // 22:30 in São Paulo, already the 24th in UTC
      expect(await create()).toBe('2026112300002');
      await clockTo({ action: 'advance', minutes: 7 * 24 * 60 });
      expect(await create()).toBe('2026113000001');
      // Kept in Redis: the day's sequence survives a reload of the stand-ins.
      await app.sandbox?.store.load();
      expect(await create()).toBe('2026113000002');
    } finally {
      await app.close();
    }
  }, 60_000);

  it('tells a newcomer about the new buttons and the staff pane', async () => {
    const { app } = await simulator('sim-page');
    try {
      const page = (await app.inject('/sandbox')).body;
      for (const text of ['Próximo evento', 'Reiniciar', 'Mensagens para a equipe', 'Nenhum evento agendado', 'pede confirmação', 'confirm(']) expect(page).toContain(text);
    } finally {
      await app.close();
    }
  });
});
