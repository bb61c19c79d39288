import { timingSafeEqual } from 'node:crypto';

/** Two secrets compared in constant time for their length (a login's user or password). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
