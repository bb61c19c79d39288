/** A JSON value, as the fuzzing tests build and mutate webhook bodies. */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A copy of `value` with the field at `path` replaced (or removed, when `replacement` is
 * undefined): the body fuzzing of the webhook and of its compiled check both mutate valid events so.
 */
export function mutate(value: Json, path: string[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? mutate(v, rest, replacement) : v));
  const copy: { [k: string]: Json } = { ...value };
  if (rest.length === 0 && replacement === undefined) delete copy[head];
  else copy[head] = mutate(copy[head] ?? null, rest, replacement);
  return copy;
}
