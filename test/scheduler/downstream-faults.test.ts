import type { FastifyInstance } from 'fastify';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { build, KAROO_URL, makeEvent, signedRequest, waitFor } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';

/**
 * Karoo, then Bimer, misbehaving for a while (5xx, 429 with Retry-After, timeouts, connection
 * resets), then recovering: every reply arrives once, and each chat's replies arrive in the
 * order the bot wrote them; every ticket is written once; meanwhile the backlog is visible in
 * the queues.
 */
// FAULT_OUTAGE_MS keeps Karoo failing that long once the backlog is queued (the suite uses 1 s;
// `FAULT_OUTAGE_MS=120000 npx vitest run test/scheduler/downstream-faults.test.ts` is the
// minutes-long version reported in docs/RELIABILITY.md).
const OUTAGE_MS = Number(process.env.FAULT_OUTAGE_MS ?? 1000);

describe('downstream faults', () => {
  let app: FastifyInstance | undefined;
  let harness: Harness | undefined;
  afterEach(async () => {
    await app?.close();
    await harness?.stop();
    app = undefined;
    harness = undefined;
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('delivers every message once and in order per chat after an outage of every kind', { timeout: 60_000 + OUTAGE_MS }, async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    const faults = ['503', '429', 'timeout', 'reset', '500'] as const;
    let outage = true;
    let calls = 0;
    const delivered = new Map<string, string[]>(); // chat → idempotency keys, in arrival order
    const keys = new Set<string>();
    let duplicates = 0;
    // A real connection reset and a real timeout first (nock matches in the order of definition).
    nock(KAROO_URL).post(/\/v1\/chats\/ch_fault_0\/messages/).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    nock(KAROO_URL).post(/\/v1\/chats\/ch_fault_1\/messages/).delay(1500).reply(201, { id: 'late' });
    nock(KAROO_URL)
      .persist()
      .post(/\/v1\/chats\/[^/]+\/messages/)
      .reply(function (uri) {
        const fault = faults[calls++ % faults.length];
        if (outage) {
          if (fault === '429') return [429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'Retry-After': '1' }];
          if (fault === 'timeout') return [504, { error: { code: 'timeout', message: 'gateway timeout' } }];
          if (fault === 'reset') return [502, 'bad gateway'];
          return [Number(fault), { error: { code: 'unavailable', message: 'down' } }];
        }
        const key = String(this.req.headers['idempotency-key']);
        const chat = uri.split('/')[3] as string;
        if (keys.has(key)) duplicates += 1;
        else {
          keys.add(key);
          delivered.set(chat, [...(delivered.get(chat) ?? []), key]);
        }
        return [201, { id: `msg_${calls}` }];
      });

    app = await build({ env: { KAROO_TIMEOUT_MS: '300', OUTBOUND_BACKOFF_BASE_MS: '100', OUTBOUND_BACKOFF_MAX_MS: '400', OUTBOUND_MAX_ATTEMPTS: '1000' } });
    const CHATS = 4;
    const PER_CHAT = 5;
    const sent: string[][] = Array.from({ length: CHATS }, () => []);
    for (let i = 0; i < PER_CHAT; i++) {
      for (let c = 0; c < CHATS; c++) {
        const event = makeEvent({ chatId: `ch_fault_${c}`, department: 'bot', kind: 'agent', login: `agente.${c}`, text: 'ping' });
        sent[c]?.push(`karoo-bot:${String(event.id)}:0`);
        expect((await app.inject(signedRequest(event))).statusCode).toBe(202);
      }
    }
    // During the outage the backlog is visible to ops: waiting or being retried, nothing lost.
    const backlog = async () => {
      const jobs = await app!.bot.outbound.jobs('wait', 'active', 'delayed');
      return jobs.length;
    };
    await waitFor(async () => (await backlog()) === CHATS * PER_CHAT, { timeoutMs: 8000 });
    const outageEnds = performance.now() + OUTAGE_MS;
    while (performance.now() < outageEnds) {
      expect(await backlog()).toBe(CHATS * PER_CHAT);
      await new Promise((r) => setTimeout(r, Math.min(1000, OUTAGE_MS)));
    }
    expect(await app.bot.outbound.jobs('failed')).toHaveLength(0);
    const failedCalls = calls;

    outage = false;
    await waitFor(() => keys.size === CHATS * PER_CHAT, { timeoutMs: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(duplicates).toBe(0);
    expect(failedCalls).toBeGreaterThan(CHATS);
    for (let c = 0; c < CHATS; c++) expect(delivered.get(`ch_fault_${c}`)).toEqual(sent[c]);
    expect(await backlog()).toBe(0);
    expect(await app.bot.outbound.jobs('failed')).toHaveLength(0);
  });

  it('finishes an implantation close through a Bimer outage of every kind: the 2266 written once, nothing given up', { timeout: 60_000 + OUTAGE_MS }, async () => {
    const h = new Harness('2026-11-23T10:00:00-03:00', { BIMER_TIMEOUT_MS: '300', BIMER_MAX_ATTEMPTS: '1000', OUTBOUND_BACKOFF_BASE_MS: '100', OUTBOUND_BACKOFF_MAX_MS: '400' });
    harness = h;
    await h.start();
    const say = (text: string) => h.post(makeEvent({ chatId: 'ch_agent_joao.silva', department: 'bot', kind: 'agent', login: 'joao.silva', text }));
    const bimerJobs = async (...states: ('wait' | 'active' | 'delayed' | 'failed' | 'completed')[]) => (await h.app.bot.bimer.queue.getJobs(states)).length;

    // Bimer is down before the agent closes the implantation; the agent gives the RSP at once.
    h.bimer.outage = 'down';
    await say('finalizei a implantação do cliente 123. Parecer: cliente satisfeito, sem pendências');
    await say('2026110900017');
    await waitFor(async () => (await bimerJobs('wait', 'active', 'delayed')) > 0, { timeoutMs: 8000 });
    // Every kind of fault (7 in turn) has hit a call before the outage is timed.
    await waitFor(() => h.bimer.faults >= 7, { timeoutMs: 15_000 });
    // Half the outage down, half flapping (every other call gets through, writes included): the
    // work waits, visible in the Bimer queue, and nothing is given up.
    const halfway = performance.now() + OUTAGE_MS / 2;
    const end = performance.now() + OUTAGE_MS;
    while (performance.now() < end) {
      if (performance.now() > halfway) h.bimer.outage = 'flapping';
      expect(await bimerJobs('failed')).toBe(0);
      if (h.bimer.outage === 'down') expect(await bimerJobs('wait', 'active', 'delayed')).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, Math.min(1000, OUTAGE_MS / 2)));
    }
    const faults = h.bimer.faults;
    h.bimer.outage = 'none';
    await h.idle(30_000);

    expect(faults).toBeGreaterThanOrEqual(7);
    expect(await bimerJobs('failed')).toBe(0);
    const [t, ...more] = h.bimer.ticketsOfType('2266');
    expect(more, 'one 2266, never two').toHaveLength(0);
    expect(t).toMatchObject({ IdentificadorUsuarioResponsavel: '00A00000J1', DataProvidenciar: '2026-11-30T08:00:00' });
    // The delegation right after the create finds the ticket already showing that user and date:
    // sent once more after a first lost answer, never after a second (see bimerRunner in
    // bimer-client/operations.ts): at most two lines, a second only for a lost answer.
    const delegations = h.bimer.delegationsOf(t!.Identificador);
    expect(delegations.length).toBeLessThanOrEqual(2);
    expect(delegations.length - 1).toBeLessThanOrEqual(h.bimer.lostDelegationAnswers);
    for (const d of delegations) expect(d).toMatchObject({ IdentificadorUsuario: '00A00000J1', DataProvidenciar: '2026-11-30T08:00:00' });
    expect(h.lastToAgent()).toContain(t!.Protocolo);
    // Every message to the agent went out once (the fake Karoo counts a repeated key as a replay).
    expect(h.karoo.replays).toBe(0);
    expect(new Set(h.toAgent()).size).toBe(h.toAgent().length);
  });
});
