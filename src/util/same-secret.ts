import { timingSafeEqual } from 'node:crypto';

/** Two secrets compared in constant time for their length (a login's user or password). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A login (user and password) checked in full whatever the first answer, to keep the timing flat. */
export function sameLogin(user: string, password: string, login: { user: string; password: string }): boolean {
  return [sameSecret(user, login.user), sameSecret(password, login.password)].every(Boolean);
}
