/**
 * A Bimer ticket (atendimento) as the flows write it. The Bimer adapter maps it to Bimer's wire
 * format (docs/contracts/bimer-api.md); flows never build a Bimer body.
 */
export interface TicketDraft {
  /** The ticket type: 2266, the RSP's type, 000001, 000029, … */
  typeCode: string;
  /** `O` (Outros) for every ticket the bot writes. */
  category: string;
  subject: string;
  customerId: string;
  /** The Bimer user the ticket is delegated to. */
  responsibleUserId: string;
  /** Bimer's local date-time (`YYYY-MM-DDTHH:mm:ss`) to act on it. */
  dueAt: string;
  text: string;
  /** The idempotency key in Bimer: the same draft sent twice finds the first ticket. */
  externalKey: string;
  /** The ticket this one is linked to (the 2266 of a weekly ticket), or null. */
  linkedTicketId: string | null;
}
