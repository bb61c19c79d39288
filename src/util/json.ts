import { wellFormedDeep } from './text.js';

/**
 * The one JSON reader for text from outside (Karoo and Bimer answers, webhook bodies): the value,
 * or `undefined` when the text is empty or not JSON. The caller decides what that means.
 */
export function readJson(text: string): unknown {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    // Made well-formed here: half an emoji from outside never reaches a state (Redis's JSON
    // decoder refuses it). Text with no half emoji, raw or escaped, and no escaped NUL can only
    // decode to well-formed strings: the walk is skipped (the usual case, on the webhook's hot path).
    return mayHoldIllFormed(text) ? wellFormedDeep(value) : value;
  } catch {
    return undefined;
  }
}

/** A lone surrogate as typed, or escaped (`\ud83d`), or an escaped NUL: what the walk would repair. */
function mayHoldIllFormed(text: string): boolean {
  return /\\u(?:[dD][89a-fA-F]|0000)/.test(text) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** A JSON object's fields, or `undefined` for anything else (an array, a number, no JSON). */
export function readJsonObject(text: string): Record<string, unknown> | undefined {
  const value = readJson(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
