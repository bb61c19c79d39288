import { Ajv } from 'ajv';
import { z } from 'zod';
import { karooEventSchema } from './karoo-event-schema.js';

/** A webhook body as Karoo sends it (the schema's input: before defaults and the phone's reading). */
export type KarooEventBody = z.input<typeof karooEventSchema>;

/** The fields of an event a type names, which the zod schema checks in code (`superRefine`). */
const REQUIRED_BY_TYPE = [
  ['message.created', 'message'],
  ['message.status', 'status'],
  ['chat.transferred', 'transfer'],
] as const;

/**
 * The webhook's fast check (issue 26): the JSON Schema of `karooEventSchema` (zod writes it;
 * there is one definition), compiled once by Ajv into a function that only says yes or no, with
 * no copy of the body. The request path uses it to accept; zod still reads every event (defaults,
 * the phone in E.164, unknown fields dropped) when the pump queues it, off the request path, and
 * names the field of a refused body. The two agree: `test/intake/karoo-event-check.test.ts`
 * compares them on thousands of random and mutated bodies.
 */
function compile() {
  const generated = z.toJSONSchema(karooEventSchema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' });
  const schema = {
    ...generated,
    allOf: REQUIRED_BY_TYPE.map(([type, field]) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then: { required: [field] } })),
  };
  // Lengths are counted in code points by both. The date-time format is checked by zod's own
  // pattern, already in the schema.
  const ajv = new Ajv({ allErrors: false, strict: false, formats: { 'date-time': true } });
  return ajv.compile<KarooEventBody>(schema);
}

export const isKarooEventBody = compile();
