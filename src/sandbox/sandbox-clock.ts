import { ManualClock, systemClock, type AdjustableClock } from '../clock.js';

/** The sandbox's clock: the system's, moved forward by the simulator's clock control. */
export class SandboxClock implements AdjustableClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(systemClock.now().getTime() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  set offset(ms: number) {
    this.offsetMs = ms;
  }

  advance(ms: number): void {
    this.offsetMs += Math.max(0, ms);
  }

  /** Moves to an instant, never backwards (timers already fired stay fired). */
  moveTo(at: Date): void {
    this.offsetMs += Math.max(0, at.getTime() - this.now().getTime());
  }

  /** Back to the real time: only the simulator's reset, which forgets every timer, may do this. */
  reset(): void {
    this.offsetMs = 0;
  }
}

/**
 * How the simulator's reset puts the clock back where the sandbox began: the sandbox's own clock
 * to the real time, a test's manual clock to the instant the sandbox was built with.
 */
export function clockRewinder(clock: AdjustableClock): () => void {
  if (clock instanceof SandboxClock) return () => clock.reset();
  const start = clock.now();
  if (clock instanceof ManualClock) return () => clock.set(start);
  return () => undefined;
}
