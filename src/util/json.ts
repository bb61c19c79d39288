import { wellFormedDeep } from './text.js';

/**
 * The one JSON reader for text from outside (Karoo and Bimer answers, webhook bodies): the value,
 * or `undefined` when the text is empty or not JSON. The caller decides what that means.
 */
export function readJson(text: string): unknown {
  if (!text) return undefined;
  try {
    // Made well-formed here: half an emoji from outside never reaches a state (Redis's JSON decoder refuses it).
    return wellFormedDeep(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** A JSON object's fields, or `undefined` for anything else (an array, a number, no JSON). */
export function readJsonObject(text: string): Record<string, unknown> | undefined {
  const value = readJson(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
