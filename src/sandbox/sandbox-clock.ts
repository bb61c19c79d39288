import { systemClock, type AdjustableClock } from '../clock.js';

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
}
