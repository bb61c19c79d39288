import type { Redis } from 'ioredis';
import { WINDOW_MS, windowOpen } from '../domain/whatsapp.js';
import { scriptCommand } from './connection.js';
import { type Keys } from './keys.js';

/**
 * WhatsApp's customer-service window per E.164 phone (docs/contracts/karoo-chat.md §4): when
 * the person last wrote, in any chat. In Redis, so every instance sees it and it survives a
 * restart; each key expires by itself a day after the window closes. The time kept is the bot's
 * clock when the message was applied (the injected clock), compared with the same clock.
 */
// KEYS[1] the phone's window; ARGV[1] when the person wrote (ISO, UTC: compares as text), ARGV[2] its expiry in ms: the later time is kept.
const TOUCH = `local v = redis.call('GET', KEYS[1]) if (not v) or v < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1`;

export class WhatsAppWindows {
  private readonly touchScript: (key: string, at: string, ttlMs: string) => Promise<number>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    this.touchScript = scriptCommand(redis, 'karooBotTouchWindow', 1, TOUCH);
  }

  /** The person wrote at `at`: the window opens or is renewed (an earlier time never moves it back). */
  async touch(phone: string, at: string): Promise<void> {
    await this.touchScript(this.keys.window(phone), at, String(2 * WINDOW_MS));
  }

  /** When the person last wrote (ISO), or null. */
  lastContact(phone: string): Promise<string | null> {
    return this.redis.get(this.keys.window(phone));
  }

  async isOpen(phone: string, now: Date): Promise<boolean> {
    return windowOpen(await this.lastContact(phone), now);
  }
}
