import type { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SandboxBusyError, sandboxReset, wipePrefix } from '../../src/sandbox/sandbox-reset.js';

/** A worker as the reset sees it: paused (its active jobs done when `finish` is called), then resumed. */
function fakeWorker() {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const calls: string[] = [];
  const worker = {
    isPaused: () => false,
    pause: async () => {
      calls.push('pause');
      await done;
    },
    resume: () => calls.push('resume'),
  };
  return { worker: worker as unknown as Worker, calls, finish };
}

describe('the sandbox reset', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('deletes every key under the prefix and no other, even a prefix with glob characters', async () => {
    await redis.mset('rs[1]*:state:a', '1', 'rs[1]*:bull:timers:1', '1', 'rs1x:state:a', '1', 'rs[1]*other', '1');
    expect(await wipePrefix(redis, 'rs[1]*')).toBe(2);
    expect(await redis.exists('rs[1]*:state:a', 'rs[1]*:bull:timers:1', 'rs1x:state:a', 'rs[1]*other')).toBe(2);
    await redis.del('rs1x:state:a', 'rs[1]*other');
  });

  it('waits for the workers to finish their jobs, wipes, puts the parts back, and resumes them', async () => {
    const w = fakeWorker();
    const steps: string[] = [];
    await redis.set('rs2:state:x', '1');
    const reset = sandboxReset({
      redis,
      prefix: 'rs2',
      workers: () => [w.worker],
      initQueues: async () => {
        steps.push(`init (keys left: ${await redis.exists('rs2:state:x')})`);
      },
      afterWipe: () => void steps.push('afterWipe'),
    });
    const running = reset();
    await new Promise((r) => setTimeout(r, 50));
    expect(await redis.exists('rs2:state:x')).toBe(1); // the active job is not done yet
    expect(reset()).toBe(running); // a second click joins the first
    w.finish();
    expect(await running).toEqual({ keys: 1 });
    expect(steps).toEqual(['init (keys left: 0)', 'afterWipe']);
    await new Promise((r) => setTimeout(r, 0));
    expect(w.calls).toEqual(['pause', 'resume']);
  });

  it('deletes nothing when a worker is still busy after the drain timeout, and resumes it once its job is done', async () => {
    const w = fakeWorker();
    await redis.set('rs3:state:x', '1');
    const reset = sandboxReset({ redis, prefix: 'rs3', workers: () => [w.worker], initQueues: () => Promise.resolve(), afterWipe: () => undefined, drainTimeoutMs: 100 });
    await expect(reset()).rejects.toBeInstanceOf(SandboxBusyError);
    expect(await redis.exists('rs3:state:x')).toBe(1);
    expect(w.calls).toEqual(['pause']);
    w.finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(w.calls).toEqual(['pause', 'resume']);
    await redis.del('rs3:state:x');
  });
});
