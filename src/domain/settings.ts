/** The routines' settings as flows read them (config.ts builds them from the environment). */

export interface MonitoringSettings {
  /** Days between check-ins (7). */
  intervalDays: number;
  /** Local time of a check-in on its due day (08:00). */
  checkinTime: string;
  /** Move a due date that falls on a weekend/holiday to the next business day. */
  moveToBusinessDay: boolean;
  /** Code of a successful contact with no technical demand ("apenas ok"). */
  okCode: string;
  /** Ticket type of the RSP when the bot registers it. */
  rspType: string;
  /** Karoo department of the proactive follow-up to the customer. */
  customerDepartment: string;
  /** Remind an unanswered check-in at this local time on the next business day. */
  reminderTime: string;
  /** Business days between reminders while waiting for the salesperson (scenario B). */
  sellerReminderDays: number;
  /** Reminders sent before the bot stops insisting (and logs it for supervision). */
  maxReminders: number;
}

export interface PlantaoSettings {
  /** Minutes of silence before the check-in in an implantation chat, and between check-ins (30). */
  idleMinutes: number;
  /** Minutes of silence before the check-in in a partner chat (15–30). */
  partnerIdleMinutes: number;
  /** Minutes of silence after "tudo ok" before the chat is closed (15–30). */
  closeAfterMinutes: number;
  /** Minutes before the end of the shift for the notice (30). */
  noticeMinutes: number;
  /** Minutes before the next business opening to deliver the pending-work summary (0 = at opening). */
  escalationLeadMinutes: number;
  /** How many days back the customer's tickets go in the technician's hint on a hardware problem (30). */
  hardwareHintDays: number;
}

/** The WhatsApp templates the bot sends outside the 24-hour window (null: none; such a message is not sent then). */
export interface TemplateSettings {
  language: string;
  /** The weekly follow-up to the customer (`KAROO_FOLLOWUP_TEMPLATE`). */
  followUp: string | null;
  /** The notice to a reseller that one of its customers called the plantão (`KAROO_RESELLER_TEMPLATE`). */
  reseller: string | null;
}

/** The plantão's QA review. */
export interface QaSettings {
  /** A contact waiting longer than this for a technician is a QA flag (minutes). */
  customerWaitMinutes: number;
  /** The same technician text in at least this many chats of a plantão is a pasted (canned) phrase. */
  cannedMinChats: number;
  /** The supervisors' page as people open it (`PUBLIC_URL` + `/painel`), for the report's link. */
  pageUrl: string;
}
