import type { DeliveryError, DeliveryState } from '../../domain/whatsapp.js';
import type { FlowContext } from '../context.js';
import type { StreamKey } from '../../domain/stream.js';
import { Effects } from '../effect-collector.js';
import { timerIds } from '../timer-ids.js';
import type { ChatRecord } from '../plantao/record.js';
import { HOUR_MS } from '../../domain/durations.js';
import { resellerAlsoTheirs, resellerToCustomer } from '../plantao/messages.js';

/**
 * A customer's or partner's chat (`chat:<chatId>`): its state, and the `ChatTurn` every chat
 * dialog step takes. On WhatsApp a customer has one conversation with the company, so one chat
 * can be a monitoring's follow-up chat and a plantão chat in turn.
 */

export interface PlantaoChat {
  shiftId: string;
  shiftEnd: string;
  idleDueAt: string | null;
  pings: number;
  closeDueAt: string | null;
  externo: boolean;
  noticeSent: boolean;
  pending: string | null;
  /** What "tudo ok" or "resolvido" the close after a quiet while is waiting on. */
  okKind?: 'tudo-ok' | 'resolvido';
  /** The bot asked "posso encerrar?" after an unclear "all fine" (once: the next clear one closes). */
  askedToClose?: boolean;
  /** That question is the last thing said to the contact, unanswered: their next words answer it. */
  closeAsked?: boolean;
  /** The technician's last line said they are at it ("vou acessar aí, um momento"): an "all fine" with no result agrees to wait. */
  technicianWorking?: boolean;
  /** The close waiting on a quiet while follows that question, not a clear "all fine". */
  closeUnsure?: boolean;
  /** The chat during this shift, as QA reviews it (sent to `ops:qa` at the close and at the shift's end). */
  record?: ChatRecord;
  /** The shift's end has passed and the record went to `ops:qa`: no more changes to it. */
  reported?: boolean;
  /** The contact wrote after the shift had ended and was told when the next period begins (once). */
  toldShiftOver?: boolean;
  /** When the next plantão shift takes the message left after this one (null: the next business day's team does). */
  carryAt?: string | null;
  /** The contact's last message told a problem or asked something no technician has answered yet. */
  awaitingTechnician?: boolean;
  /**
   * The wait carried in from an earlier period: when the contact last wrote (`wrote`), told to them
   * instead of the minutes this shift counted, while the wait begun at `since` still runs.
   */
  carriedWait?: { wrote: string; since: string } | null;
  /** The wait (its `waitingSince`) the shift's manager was told of, once it reached QA's limit. */
  waitAlerted?: string | null;
  /**
   * The technician's last line, unanswered, asked the contact something or to wait ("vou verificar,
   * um momento"): a bare "ok" now answers that, it says nothing is solved.
   */
  technicianHolds?: boolean;
  /** A reseller's customer sent to their reseller in this shift: no check-ins nor notice promise help the company does not give. */
  redirected?: boolean;
  /** A reseller's customer sent to the reseller wrote again and was told once more (once a shift). */
  resellerAgainTold?: boolean;
  /** The reseller was told a second time this shift (the reason after a bare "oi", or a new request after the redirect). */
  resellerRetold?: boolean;
  /** The contact asked for no more messages ("para de me mandar msg"): no check-ins nor notice in this chat; their words are still answered. */
  optedOut?: boolean;
  /** The contact's "all fine" spoke of the matter an earlier shift left pending ("mandei o xml e a nota saiu"). */
  okSpeaksOfPending?: boolean;
}

/** The monitoring whose follow-up opened this chat; it ends with the cycle (hand-over, opt-out, erasure). */
export interface MonitoringLink {
  monitoringId: string;
  agentStream: StreamKey;
  agentName: string;
  customerName: string;
  /** Kept by states written before the link was ended on an opt-out: a link opted out is no link. */
  optOut: boolean;
}

export interface ChatState {
  kind: 'chat';
  version: number;
  stream: StreamKey;
  chatId: string;
  department: string | null;
  /** The number agents see for this chat (Karoo's `chat.number`), the last one Karoo gave. */
  chatNumber?: number | null;
  contactName: string | null;
  /**
   * The name the person writing gave ("aqui é o Jorge") when it is not the contact Karoo knows (a
   * shared WhatsApp): who the bot addresses for the rest of that conversation (`addressee`).
   */
  speaker?: { name: string; at: string } | null;
  contactKind: string | null;
  /** The contact's phone as Karoo gave it (E.164): how an erasure request by phone finds the chat. */
  contactPhone: string | null;
  /** When the chat last changed: the retention sweep forgets a chat quiet for `RETENTION_DAYS`. */
  updatedAt: string | null;
  lastActivityAt: string | null;
  lastContactMessageAt: string | null;
  /** When Karoo says the contact's latest message was written (`occurredAt`): one delivered late and older reads as such. */
  lastContactOccurredAt?: string | null;
  closed: boolean;
  /** The last text the bot sent here: the next one is never the same. */
  lastBotText: string | null;
  /** The bot's last few texts here (newest last): a check-in or notice repeats none of them while another wording is left. */
  recentBotTexts?: string[];
  /**
   * A customer's last message while the chat is not (yet) linked to a monitoring: the answer to a
   * follow-up can arrive before the bot has learnt which chat Karoo opened for it.
   */
  earlyReply: { text: string; name: string | null; id: string; at: string } | null;
  /**
   * A customer's scheduling request held while the shift's first lookup says whether a reseller
   * serves them: answered when none does, never when one does (the customer is sent to it).
   */
  heldSchedule?: { seed: string; text: string } | null;
  /** A message out of hours the plantão will see, its answer held for the reseller lookup (a reseller's customer is sent there). */
  heldEvening?: boolean;
  monitoring: MonitoringLink | null;
  plantao: PlantaoChat | null;
  reseller: 'unknown' | 'checking' | 'none' | 'handled';
  /** The shift whose "#pendente" is still to reach the sector's manager (a later close as solved withdraws it). */
  pendingShiftId?: string | null;
  /** What the technician left pending there (the reason after "#pendente"): a later close withdraws it only when it speaks of it. */
  pendingReason?: string | null;
  /** The reseller a reseller's customer was sent to (what the bot tells them again if they write after the shift). */
  resellerSent?: { name: string; contact: { name: string; phone: string } | null } | null;
  /** When the reseller was told of this customer (the first time that day): a notice on a later day says so (found by an outside tester). */
  resellerToldAt?: string | null;
  /** The reseller was told of a customer who had only greeted ("ainda não disse o motivo"): their reason, when it comes, is told too. */
  resellerNoReason?: boolean;
  /** A second lookup under way only to tell the reseller that reason (the customer is not sent to the reseller again). */
  resellerRetell?: boolean;
  /**
   * The customer's code in Bimer, once the plantão's lookup found it: what the customer tells the
   * plantão before a follow-up has linked the chat reaches their monitoring's check-in, if one is under way.
   */
  customerCode?: string | null;
  /** The delivery of the messages sent into this chat, as Karoo reports it (the latest few, by message id). */
  deliveries: Record<string, { state: DeliveryState; error: DeliveryError | null; at: string }>;
  /**
   * A hardware problem reported during a plantão: the technician on the chat gets the customer's
   * recent tickets once (`waiting` until a technician is on the chat).
   */
  hardware: { state: 'waiting' | 'asked'; crmCode: string | null; phone: string | null; chatNumber: number | null } | null;
  /**
   * The one timer a chat keeps armed: the earliest of its deadlines (idle check-in, closing,
   * end-of-shift notice). One delayed job per open chat instead of one per deadline.
   */
  wakeAt: string | null;
}

export function initialChatState(stream: StreamKey, chatId: string): ChatState {
  return {
    kind: 'chat',
    version: 0,
    stream,
    chatId,
    department: null,
    contactName: null,
    contactKind: null,
    contactPhone: null,
    updatedAt: null,
    lastActivityAt: null,
    lastContactMessageAt: null,
    closed: false,
    lastBotText: null,
    earlyReply: null,
    monitoring: null,
    plantao: null,
    reseller: 'unknown',
    deliveries: {},
    hardware: null,
    wakeAt: null,
  };
}

/** What a message of the bot in a chat is for: what adapts when WhatsApp's window keeps it from being sent. */
export type SayPurpose = 'reply' | 'checkin' | 'notice' | 'closing';

/** How many of the bot's last texts a chat keeps so as not to say them again (a quiet afternoon's check-ins). */
const RECENT_TEXTS = 8;

/** What the chat was told lately, newest last: what the next wording avoids. */
export function recentlySaid(s: ChatState): readonly string[] {
  return s.recentBotTexts ?? (s.lastBotText ? [s.lastBotText] : []);
}

/**
 * What a chat's handlers say and do: `say` writes in the chat and remembers the text (never said
 * twice in a row). To a phone contact WhatsApp's 24-hour window applies: a message it keeps from
 * being sent comes back (`chat.said`, failures only) so the chat adapts.
 */
export class ChatOut extends Effects {
  constructor(private readonly s: ChatState) {
    super(s.stream);
  }
  say(text: string, purpose: SayPurpose = 'reply'): void {
    this.s.lastBotText = text;
    this.s.recentBotTexts = [...(this.s.recentBotTexts ?? []), text].slice(-RECENT_TEXTS);
    const phone = this.s.contactPhone;
    this.effects.push(
      phone
        ? { type: 'karoo.sendMessage', chatId: this.s.chatId, text, phone, onResult: { stream: this.s.stream, tag: 'chat.said', context: { purpose }, only: 'failure' } }
        : { type: 'karoo.sendMessage', chatId: this.s.chatId, text },
    );
  }
  /** Arms, moves or cancels the chat's wake-up timer to match its deadlines. */
  syncWake(wakeAt: string | null): void {
    if (wakeAt === this.s.wakeAt) return;
    const timerId = timerIds.chatWake(this.s.chatId);
    this.s.wakeAt = wakeAt;
    if (wakeAt) this.timer(timerId, new Date(wakeAt), {});
    else this.cancel(timerId);
  }
}

/**
 * One item applied to a chat, as every chat dialog step takes it: the state being changed, the
 * item's id (it seeds the choice of wording, so a replay says the same), the clock, the context,
 * and what the bot says and does.
 */
export interface ChatTurn {
  s: ChatState;
  seed: string;
  now: Date;
  ctx: FlowContext;
  out: ChatOut;
}

/** How long a name given in the chat is the one the bot addresses: one conversation, not the next one. */
const SPEAKER_MS = 12 * HOUR_MS;

/** Whom the bot's words in this chat greet: the person who said who they are, lately, or the contact Karoo knows. */
export function addressee(s: ChatState, now: Date): string | null {
  if (s.speaker && now.getTime() - Date.parse(s.speaker.at) < SPEAKER_MS) return s.speaker.name;
  return s.contactName;
}

/**
 * A reseller's customer already sent to the reseller is sent there again, never given the company's next period
 * or sector (after the shift; a scheduling request): said, and true; false when the chat is no such customer's.
 */
export function sentToResellerAgain(t: ChatTurn, seed: string): boolean {
  const { s, now, out } = t;
  if (s.reseller !== 'handled' || !s.resellerSent) return false;
  // Told already in this shift: this one is theirs too, said so, not the whole redirect again.
  const told = s.plantao?.redirected === true && !s.plantao.reported ? resellerAlsoTheirs : resellerToCustomer;
  out.say(told(seed, addressee(s, now), s.resellerSent.name, s.resellerSent.contact, recentlySaid(s)));
  return true;
}

export function isPartner(s: ChatState): boolean {
  return s.department === 'partner' || s.contactKind === 'partner';
}

/** The chat's live monitoring link (a link opted out by an older version is none). */
export function liveLink(s: ChatState): MonitoringLink | null {
  return s.monitoring && !s.monitoring.optOut ? s.monitoring : null;
}
