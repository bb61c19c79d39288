import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import type { Logger } from 'pino';
import { parseRoster, RosterError, type RosterData } from './roster.js';

/**
 * The roster file at ROSTER_FILE, reloaded when it changes (polled, so editors that replace
 * the file are seen too) or when ops ask. An invalid file is refused with its line, and the
 * last good roster stays in force.
 */
export class RosterSource {
  private data: RosterData = { shifts: [], staff: [], extraHolidays: [] };
  private listeners: ((data: RosterData) => void)[] = [];

  constructor(
    readonly path: string | undefined,
    private readonly logger: Logger,
  ) {}

  current(): RosterData {
    return this.data;
  }

  onChange(listener: (data: RosterData) => void): void {
    this.listeners.push(listener);
  }

  /** Reads the file again; on error keeps the roster in force and returns the message. */
  reload(): { ok: true; shifts: number; staff: number } | { ok: false; error: string; line: number | null } {
    if (!this.path) return { ok: false, error: 'ROSTER_FILE is not set', line: null };
    try {
      const data = parseRoster(readFileSync(this.path, 'utf8'));
      this.data = data;
      for (const l of this.listeners) l(data);
      this.logger.info({ file: this.path, shifts: data.shifts.length, staff: data.staff.length }, 'roster loaded');
      return { ok: true, shifts: data.shifts.length, staff: data.staff.length };
    } catch (err) {
      const line = err instanceof RosterError ? err.line : null;
      const error = err instanceof Error ? err.message : String(err);
      this.logger.error({ file: this.path, line, error }, 'roster refused; the last good roster stays in force');
      return { ok: false, error, line };
    }
  }

  watch(intervalMs = 2000): void {
    if (!this.path) {
      this.logger.warn('ROSTER_FILE is not set: no plantão shifts, so the plantão automation stays idle');
      return;
    }
    watchFile(this.path, { interval: intervalMs }, (curr, prev) => {
      if (curr.mtimeMs !== prev.mtimeMs) this.reload();
    });
  }

  close(): void {
    if (this.path) unwatchFile(this.path);
  }
}
