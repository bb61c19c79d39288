import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Logger } from 'pino';
import { YamlError } from '../util/yaml.js';

export type ReloadResult = { ok: true; summary: Record<string, number> } | { ok: false; error: string; line: number | null };

/**
 * A YAML file kept in memory: reloaded when it changes (polled, so editors that replace the
 * file are seen too) or when asked. An invalid file is refused with its line, and the last
 * good content stays in force.
 */
export class YamlFileSource<T> {
  private data: T;
  /** Whether a good file was ever put in force (at start there is none to keep). */
  private loadedOnce = false;
  private readonly listeners: ((data: T) => void)[] = [];

  constructor(
    readonly path: string | undefined,
    private readonly what: string,
    private readonly parse: (text: string) => T,
    initial: T,
    private readonly summarize: (data: T) => Record<string, number>,
    private readonly logger: Logger,
  ) {
    this.data = initial;
  }

  current(): T {
    return this.data;
  }

  /** Puts content in force that does not come from the file (the sandbox's generated roster). */
  set(data: T): void {
    this.data = data;
    for (const l of this.listeners) l(data);
  }

  onChange(listener: (data: T) => void): void {
    this.listeners.push(listener);
  }

  reload(): ReloadResult {
    if (!this.path) return { ok: false, error: `no ${this.what} file is configured`, line: null };
    try {
      const data = this.parse(readFileSync(this.path, 'utf8'));
      this.data = data;
      this.loadedOnce = true;
      for (const l of this.listeners) l(data);
      const summary = this.summarize(data);
      this.logger.info({ file: this.path, ...summary }, `${this.what} loaded`);
      return { ok: true, summary };
    } catch (err) {
      const line = err instanceof YamlError ? err.line : null;
      const error = err instanceof Error ? err.message : String(err);
      this.logger.error({ file: this.path, line, error }, this.loadedOnce ? `${this.what} refused; the last good one stays in force` : `${this.what} refused`);
      return { ok: false, error, line };
    }
  }

  watch(intervalMs = 2000): void {
    if (!this.path) return;
    watchFile(this.path, { interval: intervalMs }, (curr, prev) => {
      if (curr.mtimeMs !== prev.mtimeMs) this.reload();
    });
  }

  close(): void {
    if (this.path) unwatchFile(this.path);
  }
}
