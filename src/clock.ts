/** The only source of "now" in the bot. Flows receive `now` from the edges; tests inject a fake. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-properties -- the one place allowed to read the system clock
  now: () => new Date(Date.now()),
};

/** A clock that only moves when told: for tests and, later, the sandbox. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  moveTo(at: Date): void {
    this.current = Math.max(this.current, at.getTime());
  }
}

/** A clock the sandbox's clock control can move forward. */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
  moveTo(at: Date): void;
}
