import type { CustomerInfo, UserInfo } from '../domain/bimer-ops.js';
import type { Monitoring } from './monitoring/model.js';
import { Effects } from './effect-collector.js';
import type { FlowContext } from './context.js';
import type { StreamKey } from '../domain/stream.js';

/** The state of an agent's stream and the collector of what a handler says and does. */

export interface Draft {
  customer: CustomerInfo;
  agent: UserInfo;
  parecer: string | null;
  rsp: { id: string | null; protocolo: string } | null;
}

export type Dialog =
  | { kind: 'idle' }
  /** `rsp` (here and below): a protocol the agent sent before the bot asked for it, checked once the customer is found and the parecer written. */
  | { kind: 'close.needCode'; parecer: string | null; rsp?: string; registerRsp?: boolean }
  | { kind: 'close.lookup'; code: string; parecer: string | null; rsp?: string; registerRsp?: boolean }
  | { kind: 'close.parecer'; draft: Draft; rsp?: string; /** the agent asked the bot to open the RSP ('registra o rsp pra mim') */ registerRsp?: boolean }
  | { kind: 'close.rsp'; draft: Draft }
  | { kind: 'close.waiting'; draft: Draft }
  /** `unclear`: an answer to "conseguiu falar?" the bot asked about again; a "não" after it keeps its words (how contact was tried). */
  | { kind: 'checkin.contact'; monitoringId: string; unclear?: string }
  /** `summary`, `protocolo`: what the first answer already said, so they are not asked again. */
  | { kind: 'checkin.demand'; monitoringId: string; summary?: string; protocolo?: string }
  /** `summary`: the agent's own description, kept when the protocol they gave was not found ("abre você" then opens the ticket with it). */
  | { kind: 'checkin.summary'; monitoringId: string; code: string; summary?: string }
  | { kind: 'faq.choose'; ids: [string, string] }
  | { kind: 'faq.offer'; action: 'create_2266' };

export interface AgentState {
  kind: 'agent';
  version: number;
  stream: StreamKey;
  login: string;
  name: string | null;
  dialog: Dialog;
  /** Monitorings whose check-in waits for the current conversation to end. */
  queue: string[];
  monitorings: Record<string, Monitoring>;
  /** When the bot last showed what it can do after a question it did not know (once a day is enough). */
  helpShownAt?: string;
}

export function initialAgentState(stream: StreamKey, login: string): AgentState {
  return { kind: 'agent', version: 0, stream, login, name: null, dialog: { kind: 'idle' }, queue: [], monitorings: {} };
}

/** Collects what a handler says and does; `say` answers the agent (in the chat they wrote in, else proactively in the bot chat). */
export class Out extends Effects {
  constructor(
    private readonly s: AgentState,
    private readonly replyChat: string | null,
  ) {
    super(s.stream);
  }
  say(text: string): void {
    this.effects.push(
      this.replyChat
        ? { type: 'karoo.sendMessage', chatId: this.replyChat, text }
        : { type: 'karoo.proactive', to: { login: this.s.login }, department: 'bot', text },
    );
  }
}

/**
 * One item applied to the agent's stream, as every dialog step takes it: the state being
 * changed, the item's id (it seeds the choice of wording, so a replay says the same), the clock,
 * the context, and what the bot says and does.
 */
export interface Turn {
  s: AgentState;
  seed: string;
  now: Date;
  ctx: FlowContext;
  out: Out;
}
