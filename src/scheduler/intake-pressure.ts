import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Keeps the workers from starving the webhook intake in a burst (issue 26). The intake notes each
 * delivery it accepts; while the rate over the last quarter second is above `ratePerSecond`, an
 * event worker waits (up to `maxWaitMs` per item) before applying its next item, so the process
 * spends its CPU answering Karoo (which redelivers what is not answered within 5 s). Nothing is
 * lost or reordered: the items wait in their queues, each partition still one at a time, and the
 * backlog drains once the burst is over. `maxWaitMs` bounds the wait, so even a burst that never
 * ends lets the workers move, one item per partition per `maxWaitMs`.
 */
export class IntakePressure {
  private bucketStart = 0;
  private current = 0;
  private previous = 0;

  constructor(
    /** Accepted deliveries per second above which the workers yield (0: never). */
    readonly ratePerSecond: number,
    readonly maxWaitMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The intake accepted a delivery. */
  note(): void {
    this.roll();
    this.current += 1;
  }

  /** Whether the intake is in a burst: the last full quarter second, or this one so far, above the rate. */
  busy(): boolean {
    if (this.ratePerSecond <= 0) return false;
    this.roll();
    const quarter = this.ratePerSecond / 4;
    return this.previous > quarter || this.current > quarter;
  }

  /** Waits while the intake is in a burst, at most `maxWaitMs`. Resolves at once otherwise. */
  async yieldToIntake(): Promise<void> {
    const start = this.now();
    while (this.busy() && this.now() - start < this.maxWaitMs) await sleep(25);
  }

  private roll(): void {
    const at = this.now();
    const elapsed = at - this.bucketStart;
    if (elapsed < 250) return;
    this.previous = elapsed < 500 ? this.current : 0;
    this.current = 0;
    this.bucketStart = at - (elapsed % 250);
  }
}
