import { describe, expect, it } from 'vitest';
import { BimerError } from '../../src/bimer-client/types.js';
import { DownstreamError, networkFailure, statusKind } from '../../src/errors/downstream-error.js';
import { KarooError } from '../../src/karoo-client/karoo-client.js';
import { retryDelay } from '../../src/scheduler/backoff.js';

describe('one error model for Karoo and Bimer', () => {
  it.each([
    [500, 'retryable'],
    [503, 'retryable'],
    [429, 'retryable'],
    [408, 'retryable'],
    [400, 'final'],
    [404, 'final'],
    [409, 'final'],
  ])('reads HTTP %i as %s', (status, kind) => {
    expect(statusKind(status)).toBe(kind);
  });

  it("is one class for both, and the backoff honours either service's Retry-After", () => {
    const karoo = new KarooError('karoo 429', 'retryable', 429, 'rate_limited', 7_000);
    const bimer = new BimerError('bimer 503', 'retryable', 503, [], 9_000);
    expect(karoo).toBeInstanceOf(DownstreamError);
    expect(bimer).toBeInstanceOf(DownstreamError);
    expect([karoo.service, bimer.service]).toEqual(['karoo', 'bimer']);
    expect(retryDelay(1, karoo, { baseMs: 100, maxMs: 60_000 })).toBe(7_000);
    expect(retryDelay(1, bimer, { baseMs: 100, maxMs: 60_000 })).toBe(9_000);
    expect(retryDelay(1, bimer, { baseMs: 100, maxMs: 5_000 })).toBe(5_000);
  });
});

describe('a network failure', () => {
  it("says its cause, since fetch's own message is only 'fetch failed'", () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    expect(networkFailure(refused)).toBe('fetch failed (ECONNREFUSED)');
    expect(networkFailure(new TypeError('fetch failed', { cause: new Error('other side closed') }))).toBe('fetch failed (other side closed)');
    expect(networkFailure(new Error('socket hang up'))).toBe('socket hang up');
  });
});
