import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import type { Logger } from 'pino';
import { ManualClock } from '../../src/clock.js';
import type { Config } from '../../src/config.js';
import { build, KAROO_URL, makeEvent, signedRequest, testConfig } from './build.js';
import { BIMER_URL, FakeBimer, FakeKaroo } from './fakes.js';

/**
 * The whole bot on real Redis, with Karoo and Bimer simulated over HTTP (nock) and a clock
 * that jumps: events go in through POST /webhooks/karoo, exactly as Karoo sends them.
 */
export class Harness {
  app!: FastifyInstance;
  readonly bimer = new FakeBimer();
  readonly karoo: FakeKaroo;
  readonly clock: ManualClock;
  readonly config: Config;
  /** Set before start() to see the bot's logs (the security test reads them). */
  logger: Logger | undefined;

  constructor(start: string, env: Record<string, string> = {}) {
    this.clock = new ManualClock(start);
    this.karoo = new FakeKaroo(KAROO_URL, () => this.clock.now());
    this.config = testConfig({
      BIMER_API_URL: BIMER_URL,
      BIMER_CLIENT_ID: 'karoo-bot',
      BIMER_CLIENT_SECRET: 'segredo-do-ops',
      BIMER_USERNAME: 'bot',
      BIMER_PASSWORD: 'senha',
      BIMER_RPS: '1000',
      BIMER_TIMEOUT_MS: '500',
      BIMER_READ_RETRIES: '1',
      ...env,
    });
  }

  async start(): Promise<this> {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    this.bimer.install();
    this.karoo.install();
    this.app = await build({ config: this.config, clock: this.clock, ...(this.logger ? { logger: this.logger } : {}) });
    return this;
  }

  /** A bot restart: the same Redis and queues, a new process. */
  async restart(): Promise<void> {
    await this.app.close();
    this.app = await build({ config: this.config, clock: this.clock });
  }

  async stop(): Promise<void> {
    await this.app.close();
    nock.cleanAll();
    nock.enableNetConnect();
  }

  async post(event: Record<string, unknown>): Promise<number> {
    // Karoo saw the person write before it posts the event: their WhatsApp window is open (§4).
    const chat = event.chat as { id?: string; contact?: { phone?: string | null; kind?: string } } | undefined;
    const message = event.message as { author?: string } | undefined;
    if (event.type === 'message.created' && message?.author === 'contact' && chat?.contact?.phone && chat.id && chat.contact.kind !== 'agent') this.karoo.inbound(chat.contact.phone, chat.id);
    const res = await this.app.inject(signedRequest(event, { now: this.clock.now() }));
    if (res.statusCode >= 300) throw new Error(`webhook answered ${res.statusCode}: ${res.body}`);
    return res.statusCode;
  }

  /** The agent writes to the bot in their `bot` chat, then the bot works until idle. */
  async agentSays(text: string, login = 'joao.silva', name = 'João Silva'): Promise<void> {
    const event = makeEvent({ chatId: `ch_agent_${login}`, department: 'bot', kind: 'agent', login, text });
    (event.chat as { contact: { name: string } }).contact.name = name;
    await this.post(event);
    await this.idle();
  }

  /** A customer writes in a chat (e.g. the follow-up chat the bot opened). */
  async customerSays(chatId: string, text: string, name = 'Maria Souza'): Promise<void> {
    const event = makeEvent({ chatId, department: 'implantacao', kind: 'customer', login: null, text });
    (event.chat as { contact: { name: string } }).contact.name = name;
    await this.post(event);
    await this.idle();
  }

  /** Someone writes in a customer or partner chat (contact or, with `author: 'agent'`, the technician). */
  async chatSays(
    chatId: string,
    text: string,
    opts: { department?: string; kind?: 'customer' | 'partner'; name?: string; crmCode?: string | null; phone?: string; author?: 'contact' | 'agent'; id?: string } = {},
  ): Promise<number> {
    const event = makeEvent({
      chatId,
      department: opts.department ?? 'implantacao',
      kind: opts.kind ?? 'customer',
      login: null,
      text,
      author: opts.author ?? 'contact',
      phone: opts.phone ?? '+5511988776655',
      ...(opts.id ? { id: opts.id } : {}),
    });
    const chat = event.chat as { contact: { name: string; crmCode: string | null }; agent: unknown };
    chat.contact.name = opts.name ?? 'Maria Souza';
    chat.contact.crmCode = opts.crmCode === undefined ? null : opts.crmCode;
    if (opts.author === 'agent') chat.agent = { id: 'ag_9', login: 'diego.rocha', name: 'Diego Rocha' };
    const status = await this.post(event);
    await this.idle();
    return status;
  }

  /** Moves the clock, fires what is due, and waits until the bot has nothing left to do. */
  async advanceTo(localIso: string): Promise<void> {
    this.clock.set(new Date(localIso));
    for (let i = 0; i < 20; i++) {
      const fired = await this.app.bot.timers.fireDue();
      await this.idle();
      if (fired === 0) return;
    }
  }

  /** Waits until no queue has work waiting, running or retrying (future timers aside). */
  async idle(timeoutMs = 15_000): Promise<void> {
    const { events, outbound, bimer, timers } = this.app.bot;
    const queues = [...events.queues, ...outbound.queues, bimer.queue];
    const deadline = performance.now() + timeoutMs;
    let quiet = 0;
    while (quiet < 3) {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts('wait', 'active', 'delayed', 'prioritized')));
      const timerCounts = await timers.queue.getJobCounts('wait', 'active');
      const busy = counts.some((c) => (c.wait ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) > 0) || (timerCounts.wait ?? 0) + (timerCounts.active ?? 0) > 0;
      quiet = busy ? 0 : quiet + 1;
      if (performance.now() > deadline) throw new Error('the bot did not become idle in time');
      await new Promise((r) => setTimeout(r, 15));
    }
  }

  toAgent(login = 'joao.silva'): string[] {
    return this.karoo.toAgent(login);
  }

  lastToAgent(login = 'joao.silva'): string {
    return this.karoo.last(login);
  }
}
