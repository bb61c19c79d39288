import type { FastifyInstance } from 'fastify';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, makeEvent, signedRequest } from '../helpers/build.js';
import { mutate, type Json } from '../helpers/json-mutate.js';

/**
 * 10,000 random or mutated webhook bodies, each correctly signed (so they reach the parser and
 * the schema): only 4xx for what is not a valid event (202 for what still is), never a 5xx, the
 * app keeps serving, and its heap does not grow with the garbage.
 */

// A full collection before each reading, so the heap figures show what is kept, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const PATHS = [['id'], ['type'], ['occurredAt'], ['chat'], ['chat', 'id'], ['chat', 'number'], ['chat', 'department'], ['chat', 'contact'], ['chat', 'contact', 'kind'], ['chat', 'contact', 'phone'], ['chat', 'contact', 'login'], ['chat', 'agent'], ['message'], ['message', 'author'], ['message', 'text'], ['transfer']];

const bodyArb: fc.Arbitrary<string> = fc.oneof(
  // Mutations of a valid event: a field removed or given another type or value.
  fc.record({ path: fc.constantFrom(...PATHS), value: fc.option(fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, { nil: undefined }) }).map(({ path, value }) => {
    const event = makeEvent({ id: 'evt_fuzz', kind: 'customer', department: 'suporte', login: null, text: 'oi' }) as unknown as Json;
    return JSON.stringify(mutate(event, path, value));
  }),
  // Any JSON at all.
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  // Not JSON: random text, truncated JSON, binary-ish strings.
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer({ min: 1, max: 400 }).map((n) => JSON.stringify(makeEvent({ id: 'evt_fuzz' })).slice(0, n)),
);

describe('webhook body fuzzing', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    // No workers: this is about the intake; accepted events simply wait in their queues.
    app = await build({ env: { RATE_LIMIT_MAX: '1000000', RUN_WORKERS: 'false' } });
  });
  afterAll(async () => {
    await app.close();
    nock.enableNetConnect();
  });

  it('answers 10,000 random or mutated signed bodies with 4xx (or 202 when still valid), keeps serving, heap flat', async () => {
    const statuses = new Map<number, number>();
    let n = 0;
    let heapAfterWarmup = 0;
    const samples = fc.sample(bodyArb, { numRuns: 10_000, seed: 20261123 });
    for (const body of samples) {
      n += 1;
      // Each delivery gets its own webhook-id, as Karoo's would.
      const res = await app.inject(signedRequest(body, { id: `evt_fuzz_${n}` }));
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      expect([200, 202, 400, 413]).toContain(res.statusCode);
      if (res.statusCode === 400) expect(res.json().error.field, body).toBeTypeOf('string');
      if (n === 2000) heapAfterWarmup = heapMb();
    }
    const growthMb = heapMb() - heapAfterWarmup;
    expect(statuses.get(400) ?? 0).toBeGreaterThan(5000);
    expect(growthMb, `heap grew ${growthMb.toFixed(1)} MB over 8,000 requests`).toBeLessThan(10);
    // Still serving a real event.
    const ok = await app.inject(signedRequest(makeEvent({ text: 'oi depois do ruído' })));
    expect(ok.statusCode).toBe(202);
  }, 120_000);
});
