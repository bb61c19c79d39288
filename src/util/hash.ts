/**
 * FNV-1a (32 bits) over a string: small, fast and the same in every process and after every
 * restart. Picks a queue partition for a stream and a wording for a seed; never a secret.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
