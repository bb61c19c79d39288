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

/** One of the variants, never the text the chat got last (when there is another). */
export function fresh(seed: string, variants: string[], last: string | null): string {
  const first = pick(seed, variants);
  if (first !== last || variants.length === 1) return first;
  return variants[(variants.indexOf(first) + 1) % variants.length] as string;
}

/** "Maria, " to open a sentence with the person's first name, or nothing without one. */
export function Hi(name: string | null | undefined): string {
  const first = firstName(name);
  return first ? `${first}, ` : '';
}

/** The text with its first letter in upper case. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
