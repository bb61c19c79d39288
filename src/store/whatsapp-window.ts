import type { Redis } from 'ioredis';
import { WINDOW_MS, windowOpen } from '../domain/whatsapp.js';
import type { Keys } from '../redis.js';

/**
 * WhatsApp's customer-service window per E.164 phone (shared/contracts/karoo-chat.md §4): when
 * the person last wrote, in any chat. In Redis, so every instance sees it and it survives a
 * restart; each key expires by itself a day after the window closes. The time kept is the bot's
 * clock when the message was applied (the injected clock), compared with the same clock.
 */
export class WhatsAppWindows {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** The person wrote at `at`: the window opens or is renewed (an earlier time never moves it back). */
  async touch(phone: string, at: string): Promise<void> {
    const key = this.keys.window(phone);
    const ttl = String(2 * WINDOW_MS);
    // Keeps the later of the two times (an ISO string in UTC compares as text).
    await this.redis.eval("local v = redis.call('GET', KEYS[1]); if (not v) or v < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end return 1", 1, key, at, ttl);
  }

  /** When the person last wrote (ISO), or null. */
  lastContact(phone: string): Promise<string | null> {
    return this.redis.get(this.keys.window(phone));
  }

  async isOpen(phone: string, now: Date): Promise<boolean> {
    return windowOpen(await this.lastContact(phone), now);
  }
}
