import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKarooEventBody } from '../../src/intake/karoo-event-check.js';
import { karooEventSchema } from '../../src/intake/karoo-event-schema.js';
import { mutate, type Json } from '../helpers/json-mutate.js';

/**
 * The webhook accepts on the compiled check and zod reads the body later, in the pump: a body the
 * check accepts and zod refuses would be a 202 for an event never applied. The two must agree on
 * every body, valid or not.
 */

const base = (): { [k: string]: Json } => ({
  id: 'evt_check',
  type: 'message.created',
  occurredAt: '2026-12-07T08:00:00-03:00',
  chat: {
    id: 'ch_1',
    number: 42,
    department: 'suporte',
    contact: { id: 'ct_1', kind: 'customer', name: 'Ana Souza', phone: '(21) 99999-0000', login: null, crmCode: '000123' },
    agent: { id: 'ag_1', login: 'joao.silva', name: 'João' },
  },
  message: { id: 'msg_1', author: 'contact', text: 'oi, tudo bem?' },
  transfer: { toAgentLogin: 'maria', toDepartment: 'plantao' },
  status: { messageId: 'msg_0', state: 'failed', error: { code: 'outside_window', message: 'janela fechada' } },
});

const PATHS = [
  ['id'], ['type'], ['occurredAt'], ['chat'], ['chat', 'id'], ['chat', 'number'], ['chat', 'department'], ['chat', 'contact'],
  ['chat', 'contact', 'id'], ['chat', 'contact', 'kind'], ['chat', 'contact', 'name'], ['chat', 'contact', 'phone'], ['chat', 'contact', 'login'],
  ['chat', 'contact', 'crmCode'], ['chat', 'agent'], ['chat', 'agent', 'id'], ['chat', 'agent', 'login'], ['chat', 'agent', 'name'],
  ['message'], ['message', 'id'], ['message', 'author'], ['message', 'text'], ['transfer'], ['transfer', 'toAgentLogin'], ['transfer', 'toDepartment'],
  ['status'], ['status', 'messageId'], ['status', 'state'], ['status', 'error'], ['status', 'error', 'code'], ['status', 'error', 'message'],
];

/** Strings near every limit, counted in units and in code points (emoji are two units, one code point). */
const text = fc.oneof(
  fc.string({ maxLength: 250 }),
  fc.integer({ min: 0, max: 260 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 0, max: 260 }).map((n) => '😀'.repeat(n)),
  fc.constantFrom('', 'customer', 'partner', 'agent', 'contact', 'bot', 'system', 'sent', 'failed', 'message.created', 'message.status', 'chat.transferred', 'chat.closed'),
  fc.constantFrom('2026-12-07T08:00:00Z', '2026-12-07T08:00:00.123-03:00', '2026-12-07T08:00-03:00', '2026-12-07 08:00:00Z', '2026-02-29T08:00:00Z', '2028-02-29T08:00:00Z', '2026-12-07T24:00:00Z', '2026-12-07T08:00:00+0300'),
);
const replacement: fc.Arbitrary<Json | undefined> = fc.option(
  fc.oneof(text, fc.double(), fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53), 1.5, 0, -1), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>),
  { nil: undefined },
);
const body: fc.Arbitrary<Json> = fc.oneof(
  fc.array(fc.record({ path: fc.constantFrom(...PATHS), value: replacement }), { minLength: 1, maxLength: 3 }).map((changes) => changes.reduce<Json>((b, c) => mutate(b, c.path, c.value), base())),
  fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>,
);

const zodAccepts = (value: unknown) => karooEventSchema.safeParse(value).success;

describe('the webhook body check', () => {
  it('agrees with the zod schema on 20,000 mutated or random bodies', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(isKarooEventBody(b), JSON.stringify(b).slice(0, 300)).toBe(zodAccepts(b));
      }),
      { numRuns: 20_000, seed: 20261207 },
    );
  });

  it.each([
    ['a valid event', base(), true],
    ['a message.created without its message', mutate(base(), ['message'], undefined), false],
    ['a message.status without its status', mutate(mutate(base(), ['type'], 'message.status'), ['status'], undefined), false],
    ['a chat.transferred without its transfer', mutate(mutate(base(), ['type'], 'chat.transferred'), ['transfer'], undefined), false],
    ['an unknown event type, with nothing else', mutate(mutate(base(), ['type'], 'chat.closed'), ['message'], undefined), true],
    ['a name of 200 emoji (200 code points)', mutate(base(), ['chat', 'contact', 'name'], '😀'.repeat(200)), true],
    ['a name of 3,000 emoji (kept cut, never refused)', mutate(base(), ['chat', 'contact', 'name'], '😀'.repeat(3_000)), true],
    ['a customer code of 33 characters', mutate(base(), ['chat', 'contact', 'crmCode'], '1'.repeat(33)), false],
    ['a time without its offset', mutate(base(), ['occurredAt'], '2026-12-07T08:00:00'), false],
    ['a chat number that is not an integer', mutate(base(), ['chat', 'number'], 1.5), false],
    ['an unknown field', mutate(base(), ['extra'], { anything: [1, 2] }), true],
  ] as const)('%s', (_name, value, valid) => {
    expect(isKarooEventBody(value)).toBe(valid);
    expect(zodAccepts(value)).toBe(valid);
  });
});
