import { describe, expect, it } from 'vitest';
import { retryInPlace } from '../../src/util/retry.js';

describe('retryInPlace', () => {
  it('tries again until the call succeeds, waiting as told between attempts', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryInPlace(
      () => (++calls < 3 ? Promise.reject(new Error(`fail ${calls}`)) : Promise.resolve('ok')),
      { attempts: 5, retryable: () => true, delayMs: (n) => n, onRetry: (_n, _e, d) => void waits.push(d) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([1, 2]);
  });

  it('stops at once on a failure not worth retrying, and after the last attempt', async () => {
    let calls = 0;
    await expect(retryInPlace(() => Promise.reject(new Error(`final ${++calls}`)), { attempts: 5, retryable: () => false, delayMs: () => 0 })).rejects.toThrow('final 1');
    calls = 0;
    await expect(retryInPlace(() => Promise.reject(new Error(`again ${++calls}`)), { attempts: 3, retryable: () => true, delayMs: () => 0 })).rejects.toThrow('again 3');
  });

  it('gives up a wait when aborted (shutdown), with an AbortError', async () => {
    const stop = new AbortController();
    const run = retryInPlace(() => Promise.reject(new Error('down')), { attempts: 10, retryable: () => true, delayMs: () => 60_000, onRetry: () => stop.abort(), signal: stop.signal });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
