import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, makeEvent, signedRequest } from '../helpers/build.js';
import { Harness } from '../helpers/harness.js';
import { seed } from '../helpers/painel-seed.js';
import { PLANTAO_ROSTER } from '../helpers/plantao-roster.js';

/** GET /metrics scraped through the real route while events flow (issue 15). */

const TOKEN = 'metrics-token-0123456789abcdef';
let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(at: string): Promise<Harness> {
  const file = join(mkdtempSync(join(tmpdir(), 'metrics-')), 'escala.yaml');
  writeFileSync(file, PLANTAO_ROSTER);
  h = await new Harness(at, { ROSTER_FILE: file, METRICS_TOKEN: TOKEN, ADMIN_USER: 'ops', ADMIN_PASSWORD: 'ops-secreto-longo' }).start();
  return h;
}

async function scrape(): Promise<string> {
  const res = await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  return res.body;
}

/** The value of one sample (`name{labels}`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`));
  });
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('GET /metrics', () => {
  it('is closed without the token or the ops login, and open with either', async () => {
    await start('2026-11-24T10:00:00-03:00');
    expect((await h.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/metrics', headers: { authorization: `Basic ${Buffer.from('ops:errada').toString('base64')}` } })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/metrics', headers: { authorization: `Basic ${Buffer.from('ops:ops-secreto-longo').toString('base64')}` } })).statusCode).toBe(200);
    const body = await scrape();
    expect(body).toContain('karoo_bot_process_cpu_seconds_total');
    expect(body).toContain('karoo_bot_nodejs_eventloop_lag_seconds');
    for (const line of body.split('\n').filter((l) => l && !l.startsWith('#'))) expect(line).toMatch(/^karoo_bot_/);
  });

  it('counts the accepted webhooks no pump has queued yet (an intake-only instance, no workers anywhere) as the intake queue waiting', async () => {
    const app = await build({ env: { METRICS_TOKEN: TOKEN, RUN_WORKERS: 'false', QUEUE_PREFIX: `intake-only-${Math.random()}` } });
    try {
      for (const text of ['oi', 'tudo bem?', 'preciso de ajuda']) expect((await app.inject(signedRequest(makeEvent({ text })))).statusCode).toBe(202);
      const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(sample(res.body, 'karoo_bot_queue_jobs', { queue: 'intake', state: 'waiting' })).toBe(3);
    } finally {
      await app.close();
    }
  });

  it('is not there when neither is configured', async () => {
    const app = await build();
    try {
      expect((await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('counts webhooks by outcome, Karoo calls by outcome, FAQ answers, timer lateness and the queues as events flow', async () => {
    await start('2026-11-24T10:00:00-03:00');
    const before = await scrape();
    expect(sample(before, 'karoo_bot_webhooks_total', { outcome: 'accepted' })).toBe(0);

    const event = makeEvent({ chatId: 'ch_agent_joao.silva', department: 'bot', kind: 'agent', login: 'joao.silva', text: 'o que é o 2266?' });
    await h.app.inject(signedRequest(event, { now: h.clock.now() }));
    await h.app.inject(signedRequest(event, { now: h.clock.now() })); // the same delivery again
    await h.app.inject({ ...signedRequest(event, { now: h.clock.now() }), headers: { 'content-type': 'application/json', 'webhook-id': 'x', 'webhook-timestamp': '1', 'webhook-signature': 'v1,bad' } });
    await h.app.inject(signedRequest('{not json', { now: h.clock.now() }));
    // Refused before the handler runs (the body limit), yet counted: the route's own hook sees every answer it gives.
    expect((await h.app.inject(signedRequest(`{"pad":"${'x'.repeat(70 * 1024)}"}`, { now: h.clock.now() }))).statusCode).toBe(413);
    await h.idle();

    const after = await scrape();
    expect(sample(after, 'karoo_bot_webhooks_total', { outcome: 'accepted' })).toBe(1);
    expect(sample(after, 'karoo_bot_webhooks_total', { outcome: 'duplicate' })).toBe(1);
    expect(sample(after, 'karoo_bot_webhooks_total', { outcome: 'invalid_signature' })).toBe(1);
    expect(sample(after, 'karoo_bot_webhooks_total', { outcome: 'invalid_json' })).toBe(1);
    expect(sample(after, 'karoo_bot_webhooks_total', { outcome: 'too_large' })).toBe(1);
    expect(sample(after, 'karoo_bot_faq_questions_total', { outcome: 'answered' })).toBe(1);
    expect(sample(after, 'karoo_bot_downstream_request_seconds_count', { system: 'karoo', operation: 'sendMessage', outcome: 'ok' })).toBe(1);
    expect(sample(after, 'karoo_bot_job_run_seconds_count', { queue: 'events' })).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'karoo_bot_queue_jobs', { queue: 'karoo-outbound', state: 'waiting' })).toBe(0);
    expect(after).toContain('karoo_bot_queue_jobs{queue="bimer",state="failed"} 0');

    // A plantão chat: open while its shift runs, with its wake-up armed; a check-in fires late by the clock's jump.
    h.clock.set(new Date('2026-11-21T10:00:00-03:00'));
    await h.chatSays('ch_plantao_m', 'bom dia, o caixa nao fecha');
    expect(sample(await scrape(), 'karoo_bot_plantao_chats_open')).toBe(1);
    await h.advanceTo('2026-11-21T10:31:00-03:00');
    const late = await scrape();
    expect(sample(late, 'karoo_bot_timer_lateness_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(late, 'karoo_bot_timer_lateness_seconds_bucket', { le: '30' })).toBe(0); // fired a minute late
    await h.post(makeEvent({ chatId: 'ch_plantao_m', type: 'chat.closed', department: 'implantacao', kind: 'customer', login: null }));
    await h.idle();
    expect(sample(await scrape(), 'karoo_bot_plantao_chats_open')).toBe(0);
  });

  it('shows the open monitoring cycles by week, from the agents\' states', async () => {
    await start('2026-11-26T10:00:00-03:00');
    await seed(h.app);
    const body = await scrape();
    expect([1, 2, 3].map((week) => sample(body, 'karoo_bot_monitoring_cycles_open', { week: String(week) }))).toEqual([2, 1, 1]);
  });

  it('counts a Bimer outage and a Karoo one: the calls that failed, the attempts retried, then the calls that went through', async () => {
    await start('2026-11-24T10:00:00-03:00');
    h.bimer.failNext = 6;
    h.karoo.failNext = 2;
    await h.agentSays('finalizei a implantação do cliente 000123');
    const body = await scrape();
    expect(sample(body, 'karoo_bot_downstream_request_seconds_count', { system: 'bimer', operation: 'getPersonByCode', outcome: 'retryable' })).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'karoo_bot_job_retries_total', { queue: 'bimer' })).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'karoo_bot_downstream_request_seconds_count', { system: 'bimer', operation: 'getPersonByCode', outcome: 'ok' })).toBe(1);
    expect(sample(body, 'karoo_bot_jobs_failed_total', { queue: 'bimer' })).toBe(0);
    expect(sample(body, 'karoo_bot_downstream_request_seconds_count', { system: 'karoo', operation: 'sendMessage', outcome: 'retryable' })).toBe(2);
    expect(sample(body, 'karoo_bot_job_retries_total', { queue: 'karoo-outbound' })).toBe(2);
    expect(sample(body, 'karoo_bot_downstream_request_seconds_count', { system: 'karoo', operation: 'sendMessage', outcome: 'ok' })).toBe(1);
  });
});
