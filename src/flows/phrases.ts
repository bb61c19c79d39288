import { fnv1a } from '../util/hash.js';

/** Picks one of several wordings, deterministically from a seed (an event id): flows stay pure. */
export function pick(seed: string, variants: readonly string[]): string {
  return variants[fnv1a(seed) % variants.length] as string;
}

export function firstName(name: string | null | undefined): string {
  const first = (name ?? '').trim().split(/\s+/)[0];
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : '';
}

export { asText as str } from '../util/text.js';
