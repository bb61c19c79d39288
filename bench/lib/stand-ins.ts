import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { BimerMemory, type Rec } from '../../src/sandbox/bimer-memory.js';
import { asText } from '../../src/util/text.js';

/**
 * Karoo's outbound half and Bimer, served on a real port outside the bot's process, exactly as
 * docs/contracts/ writes them, with counters for the benches and the chaos run: every POST,
 * every first delivery per Idempotency-Key, the time each arrived, and a fault switch.
 */

export type Fault = 'none' | '5xx' | '429' | 'timeout' | 'reset';

export interface Delivery {
  key: string;
  chatId: string;
  text: string;
  at: number;
}

export class StandIns {
  readonly bimer = new BimerMemory();
  /** First delivery per Idempotency-Key, in arrival order. */
  readonly deliveries: Delivery[] = [];
  readonly byKey = new Map<string, Delivery>();
  karooPosts = 0;
  /** Repeated keys answered with the first result (retries after a lost answer). */
  karooReplays = 0;
  bimerCalls = 0;
  faults: { karoo: Fault; bimer: Fault } = { karoo: 'none', bimer: 'none' };
  /** Called on each first delivery (the e2e bench measures its latency here). */
  onDelivery: ((d: Delivery) => void) | null = null;
  private app: FastifyInstance | null = null;
  url = '';

  async listen(port = 0): Promise<string> {
    const app = Fastify({ bodyLimit: 1024 * 1024 });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    const karoo = (kind: 'message' | 'close' | 'proactive') => async (request: FastifyRequest<{ Params: { chatId?: string } }>, reply: FastifyReply) => {
      this.karooPosts += 1;
      if (await this.fault(this.faults.karoo, request, reply)) return reply;
      if (!String(request.headers.authorization ?? '').startsWith('Bearer ')) return reply.code(401).send({ error: { code: 'unauthorized', message: 'no token' } });
      const body = (request.body ?? {}) as Rec;
      const to = (body.to ?? {}) as { login?: string; phone?: string };
      const chatId = request.params.chatId ?? (to.login ? `ch_bot_${to.login}` : `ch_${String(to.phone ?? '')}`);
      const key = String(request.headers['idempotency-key'] ?? '');
      if (key && this.byKey.has(key)) {
        this.karooReplays += 1;
      } else {
        const d: Delivery = { key, chatId, text: asText(body.text ?? body.reason), at: performance.now() };
        this.deliveries.push(d);
        if (key) this.byKey.set(key, d);
        this.onDelivery?.(d);
      }
      if (kind === 'close') return reply.code(200).send({ closed: true });
      if (kind === 'proactive') return reply.code(201).send({ chatId, id: `msg_${key}` });
      return reply.code(201).send({ id: `msg_${key}` });
    };
    app.post('/v1/chats/:chatId/messages', karoo('message'));
    app.post('/v1/chats/:chatId/close', karoo('close'));
    app.post('/v1/messages', karoo('proactive'));

    app.post('/BimerApi/oauth/token', async (request, reply) => {
      if (await this.fault(this.faults.bimer, request, reply)) return reply;
      return reply.send({ access_token: 'stand-in-token', token_type: 'bearer', expires_in: 3600, refresh_token: 'r' });
    });
    app.all('/BimerApi/api/*', async (request, reply) => {
      this.bimerCalls += 1;
      if (await this.fault(this.faults.bimer, request, reply)) return reply;
      const url = new URL(request.url, 'http://stand-in');
      const [status, body] = this.bimer.route(request.method, url.pathname.replace(/^\/BimerApi/, ''), url.searchParams, (request.body ?? {}) as Rec);
      return reply.code(status).send(body);
    });
    await app.listen({ host: '127.0.0.1', port });
    this.app = app;
    this.url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    return this.url;
  }

  /** Answers with the fault in force; false when there is none and the call goes on. */
  private async fault(fault: Fault, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    switch (fault) {
      case 'none':
        return false;
      case '5xx':
        await reply.code(503).send({ error: { code: 'unavailable', message: 'down' } });
        return true;
      case '429':
        await reply.code(429).header('retry-after', '1').send({ error: { code: 'rate_limited', message: 'slow down' } });
        return true;
      case 'timeout':
        await new Promise((r) => setTimeout(r, 15_000));
        await reply.code(503).send({ error: { code: 'unavailable', message: 'too late' } });
        return true;
      case 'reset':
        request.raw.socket.destroy();
        return true;
    }
  }

  /** Tickets that share a `ChaveExterna` (a duplicate create). */
  duplicateTickets(): number {
    const seen = new Map<string, number>();
    for (const t of this.bimer.tickets) if (t.ChaveExterna) seen.set(String(t.ChaveExterna), (seen.get(String(t.ChaveExterna)) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  }

  async close(): Promise<void> {
    await this.app?.close();
  }
}

/**
 * The bot's environment for a run against these stand-ins with everyone on call all day: today
 * (São Paulo) is made a holiday and the roster has a shift covering it, whatever the hour.
 */
export function onCallTodayEnv(standInsUrl: string, redisUrl: string): Record<string, string> {
  const today = format(new TZDate(new Date(), 'America/Sao_Paulo'), 'yyyy-MM-dd');
  const dir = mkdtempSync(join(tmpdir(), 'karoo-bot-run-'));
  writeFileSync(
    join(dir, 'escala.yaml'),
    `shifts:\n  - { date: ${today}, start: "00:00", end: "23:59", sectors: [Suporte, Implantação, Partner, Prime], manager: bruno.costa }\nstaff:\n  - { name: Bruno Costa, login: bruno.costa, sector: Suporte, role: manager }\n`,
  );
  return {
    REDIS_URL: redisUrl,
    KAROO_API_URL: standInsUrl,
    KAROO_API_TOKEN: 'stand-in',
    BIMER_API_URL: `${standInsUrl}/BimerApi`,
    BIMER_CLIENT_ID: 'karoo-bot',
    BIMER_CLIENT_SECRET: 'segredo',
    BIMER_USERNAME: 'bot',
    BIMER_PASSWORD: 'senha',
    BIMER_RPS: '1000',
    ROSTER_FILE: join(dir, 'escala.yaml'),
    EXTRA_HOLIDAYS: today,
  };
}
