/** Key names of everything the bot stores outside BullMQ, under one prefix. */
export class Keys {
  constructor(private readonly prefix: string) {}
  dedupe(webhookId: string): string {
    return `${this.prefix}:dedupe:${webhookId}`;
  }
  state(stream: string): string {
    return `${this.prefix}:state:${stream}`;
  }
  /** A stream state's version, beside it: the scripts compare it without decoding the state. */
  stateVersion(stream: string): string {
    return `${this.prefix}:state-version:${stream}`;
  }
  outbox(itemId: string): string {
    return `${this.prefix}:outbox:${itemId}`;
  }
  owner(customerCode: string): string {
    return `${this.prefix}:owner:${customerCode}`;
  }
  list(name: string): string {
    return `${this.prefix}:list:${name}`;
  }
  /** One hash for every armed timer: timer id → the job that will fire it. */
  timers(): string {
    return `${this.prefix}:timers-armed`;
  }
  /** A lock one instance holds for a while (the retention sweep). */
  lock(name: string): string {
    return `${this.prefix}:lock:${name}`;
  }
  /** The audit trail of one Bimer ticket (by its id), and the protocol → id index. */
  audit(ticketId: string): string {
    return `${this.prefix}:audit:${ticketId}`;
  }
  auditProtocol(protocolo: string): string {
    return `${this.prefix}:audit-protocol:${protocolo}`;
  }
  /** When the person of this phone (E.164) last wrote: their WhatsApp window. */
  window(phone: string): string {
    return `${this.prefix}:wa-window:${phone}`;
  }
  sandbox(part: 'bimer' | 'karoo' | 'clock'): string {
    return `${this.prefix}:sandbox:${part}`;
  }
  /** The supervisors' teachings (issue 24): `items` (id → teaching), `audit`, `version`, `status`, `told:<id>`, `claim:<group>` (one teaching per group). */
  teach(part: 'items' | 'audit' | 'version' | 'status' | `told:${string}` | `claim:${string}`): string {
    return `${this.prefix}:teach:${part}`;
  }
  rateLimit(): string {
    return `${this.prefix}:ratelimit:`;
  }
  /** The Redis Stream of one event partition: the webhooks accepted, waiting for the pump to queue them. */
  intake(partition: number): string {
    return `${this.prefix}:intake:${partition}`;
  }
}

/** BullMQ custom ids cannot contain ':'; this keeps them readable and collision-free. */
export function jobId(...parts: string[]): string {
  return parts.map((p) => p.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/\|/g, '%7C')).join('|');
}
