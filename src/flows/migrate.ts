import type { StreamState } from './router.js';

/**
 * Stored stream states carry the schema they were written in (`schema`), so a field that starts
 * optional can become required: `migrate` brings a state read back from Redis, whatever its
 * schema, to the current one, a step at a time, before any flow sees it. Pure.
 *
 * To change the shape of a state: raise `STATE_SCHEMA`, add the step from the previous schema
 * below (defaults for the new fields, renames), and make the field required in its type.
 */
export const STATE_SCHEMA = 1;

/** A state written by a newer bot than this one (a rollback): refused, never read half-way. */
export class StateSchemaError extends Error {
  constructor(
    readonly stream: string,
    readonly schema: number,
  ) {
    super(`the state of ${stream} was written with schema ${schema}, newer than this bot's ${STATE_SCHEMA}: deploy the newer version again (states are never downgraded)`);
    this.name = 'StateSchemaError';
  }
}

type Raw = Record<string, unknown>;

/** Step n turns a state of schema n into schema n + 1. */
const STEPS: readonly ((s: Raw) => Raw)[] = [
  // 0 → 1: the chat's late additions (the contact's phone, the last change, an early reply, the
  // deliveries, a hardware problem) were optional; they are always there now.
  (s) => (s.kind === 'chat' ? { contactPhone: null, updatedAt: null, earlyReply: null, deliveries: {}, hardware: null, ...s } : s),
];

/** The schema a stored state was written in (0: before states carried one). */
export function schemaOf(raw: Raw): number {
  return typeof raw.schema === 'number' && Number.isInteger(raw.schema) && raw.schema >= 0 ? raw.schema : 0;
}

/** A stored state (any schema) at the current schema. */
export function migrate(raw: Raw): StreamState {
  const from = schemaOf(raw);
  if (from > STATE_SCHEMA) throw new StateSchemaError(String(raw.stream), from);
  let state = raw;
  for (let schema = from; schema < STATE_SCHEMA; schema++) state = (STEPS[schema] as (s: Raw) => Raw)(state);
  // The one place stored JSON becomes a typed state: every step above gave it the current shape.
  return { ...state, schema: STATE_SCHEMA } as unknown as StreamState;
}

/** A state as it is stored: stamped with the schema it is written in. */
export function stamped(state: StreamState): StreamState & { schema: number } {
  return { ...state, schema: STATE_SCHEMA };
}
