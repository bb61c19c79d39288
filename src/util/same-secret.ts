import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A key of this process: both sides are hashed with it, so the comparison never depends on their lengths. */
const KEY = randomBytes(32);
const digest = (text: string): Buffer => createHmac('sha256', KEY).update(text, 'utf8').digest();

/** Two secrets compared in constant time whatever their lengths (each is hashed to 32 bytes first). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** A login (user and password) checked in full whatever the first answer, to keep the timing flat. */
export function sameLogin(user: string, password: string, login: { user: string; password: string }): boolean {
  return [sameSecret(user, login.user), sameSecret(password, login.password)].every(Boolean);
}
