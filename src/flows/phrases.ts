/** Picks one of several wordings, deterministically from a seed (an event id): flows stay pure. */
export function pick(seed: string, variants: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return variants[(hash >>> 0) % variants.length] as string;
}

export function firstName(name: string | null | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0];
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : '';
}

export { asText as str } from '../util/text.js';
