import { z } from 'zod';
import type { KarooEvent } from '../domain/karoo-event.js';
import { toE164 } from '../util/phone.js';
import { oneLine, truncate, withoutDirectionControls } from '../util/text.js';

/** The longest message text the bot keeps (code points); the rest of a longer one is cut off. */
const MAX_TEXT = 32_768;

/**
 * The inbound event shape of docs/contracts/karoo-chat.md §1, read into the domain's
 * `KarooEvent`. Unknown fields are ignored (zod strips them); unknown event types are accepted
 * and ignored by the router.
 */

/**
 * The lengths a field may have: a name, a login or a code longer than this is no name, login or
 * code (a 60 KB login would become a Redis key and a row of the indicators): 400, naming the field.
 */
const LIMITS = { id: 200, name: 200, login: 100, department: 64, crmCode: 32, phone: 40 } as const;
const optional = (max: number) => z.string().max(max).nullable().optional().default(null);

/**
 * A person's name as a profile gives it: never refused (Karoo would redeliver the customer's
 * message without end), but made one line with no direction overrides (staff read it in their
 * messages and reports) and cut by code points at 200 characters.
 */
const personName = z
  .string()
  .nullable()
  .optional()
  .default(null)
  .transform((v) => (v === null ? null : truncate(oneLine(v), LIMITS.name) || null));

const contactSchema = z.object({
  id: z.string().min(1).max(LIMITS.id),
  kind: z.enum(['customer', 'partner', 'agent']),
  name: personName,
  // Read into E.164 (null when it is no valid number): a contact's odd phone never bounces their message.
  phone: optional(LIMITS.phone).transform((v) => toE164(v)),
  login: optional(LIMITS.login),
  crmCode: optional(LIMITS.crmCode),
});

const agentSchema = z.object({
  id: z.string().min(1).max(LIMITS.id),
  login: z.string().min(1).max(LIMITS.login),
  name: personName,
});

export const chatSchema = z.object({
  id: z.string().min(1).max(LIMITS.id),
  number: z.number().int().nullable().optional().default(null),
  // Kept open (not an enum) so a new Karoo department does not make events bounce.
  department: z.string().min(1).max(LIMITS.department),
  contact: contactSchema,
  agent: agentSchema.nullable().optional().default(null),
});

const messageSchema = z.object({
  id: z.string().min(1).max(LIMITS.id),
  author: z.enum(['contact', 'agent', 'bot', 'system']),
  // A long paste (an error log) within the body's 64 KiB is accepted and kept cut, by code points,
  // at 32,768 characters: refused, Karoo would redeliver it without end and the customer never be read.
  // Direction overrides are dropped: quoted to staff, one would reorder their line.
  text: z
    .string()
    .default('')
    .transform((text) => truncate(withoutDirectionControls(text), MAX_TEXT)),
});

const transferSchema = z.object({
  toAgentLogin: optional(LIMITS.login),
  toDepartment: optional(LIMITS.department),
});

const DELIVERY_ERRORS = ['not_on_whatsapp', 'blocked', 'outside_window', 'undeliverable'] as const;

const statusSchema = z.object({
  messageId: z.string().min(1).max(200),
  state: z.enum(['sent', 'delivered', 'read', 'failed']),
  error: z
    .object({
      // A code this version does not know reads as `undeliverable`: the status is never refused for it.
      code: z.string().transform((c) => DELIVERY_ERRORS.find((known) => known === c) ?? 'undeliverable'),
      message: z
        .string()
        .nullable()
        .optional()
        .default(null)
        .transform((v) => (v === null ? null : truncate(v, 2000))),
    })
    .nullable()
    .optional()
    .default(null),
});

export const karooEventSchema = z
  .object({
    id: z.string().min(1).max(200),
    type: z.string().min(1),
    occurredAt: z.iso.datetime({ offset: true }),
    chat: chatSchema,
    message: messageSchema.optional(),
    transfer: transferSchema.optional(),
    status: statusSchema.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.type === 'message.created' && !event.message) {
      ctx.addIssue({ code: 'custom', path: ['message'], message: 'is required for message.created' });
    }
    if (event.type === 'message.status' && !event.status) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'is required for message.status' });
    }
    if (event.type === 'chat.transferred' && !event.transfer) {
      ctx.addIssue({ code: 'custom', path: ['transfer'], message: 'is required for chat.transferred' });
    }
  });

// What the schema reads is the domain's event: the type check fails here if the two drift apart.
type Reads<T extends KarooEvent> = T;
type _ParsedIsDomainEvent = Reads<z.output<typeof karooEventSchema>>;

/** Formats the first schema problem as `field.path: message` for the 400 answer. */
export function describeSchemaError(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
