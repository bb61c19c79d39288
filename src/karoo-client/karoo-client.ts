import type { ProactiveRecipient } from '../domain/recipient.js';
import { paramKeepsRules, type TemplateSend } from '../domain/whatsapp.js';
import { DownstreamError, honoursRetryAfter, networkFailure, statusKind } from '../errors/downstream-error.js';
import { isE164 } from '../util/phone.js';
import { readJsonObject } from '../util/json.js';
import { asText, truncate } from '../util/text.js';
import { postJson, type PostAnswer } from '../http/http-post.js';
import { parseRetryAfter } from '../util/retry-after.js';

/**
 * The Karoo Chat outbound adapter (docs/contracts/karoo-chat.md §2). One HTTP attempt per
 * call; errors are classified so that the outbound queue decides on retries and delays.
 */

export type { ProactiveRecipient };

/** What a proactive message carries: free text, or (to a phone outside WhatsApp's window) a template (§4). */
export type ProactiveContent = { text: string } | { template: TemplateSend };

export interface KarooApi {
  sendMessage(chatId: string, text: string, idempotencyKey: string): Promise<{ id: string }>;
  closeChat(chatId: string, reason: string, idempotencyKey: string): Promise<{ closed: boolean }>;
  sendProactive(
    to: ProactiveRecipient,
    department: string,
    content: ProactiveContent,
    idempotencyKey: string,
  ): Promise<{ chatId: string; id: string }>;
}

export type KarooErrorKind = 'retryable' | 'final';

/** A Karoo call that failed (the bot's one downstream error model), with Karoo's error code. */
export class KarooError extends DownstreamError {
  declare readonly kind: KarooErrorKind;
  constructor(
    message: string,
    kind: KarooErrorKind,
    status: number | undefined,
    public readonly code: string | undefined,
    retryAfterMs: number | undefined,
  ) {
    super(message, 'karoo', kind, status, retryAfterMs);
    this.name = 'KarooError';
  }
}

export interface KarooClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs: number;
}

export class KarooClient implements KarooApi {
  private readonly baseUrl: string;

  constructor(private readonly options: KarooClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  async sendMessage(chatId: string, text: string, idempotencyKey: string): Promise<{ id: string }> {
    const body = await this.post(`/v1/chats/${encodeURIComponent(chatId)}/messages`, { text }, idempotencyKey);
    return { id: asText(body.id) };
  }

  async closeChat(chatId: string, reason: string, idempotencyKey: string): Promise<{ closed: boolean }> {
    const body = await this.post(`/v1/chats/${encodeURIComponent(chatId)}/close`, { reason }, idempotencyKey);
    return { closed: body.closed === true };
  }

  async sendProactive(
    to: ProactiveRecipient,
    department: string,
    content: ProactiveContent,
    idempotencyKey: string,
  ): Promise<{ chatId: string; id: string }> {
    // The contract's `to.phone` is E.164; anything else would reach nobody, so it is never sent.
    if ('phone' in to && !isE164(to.phone)) {
      throw new KarooError('Karoo POST /v1/messages not sent: to.phone is not a valid E.164 number', 'final', undefined, 'invalid_phone', undefined);
    }
    if ('template' in content) {
      // Meta's rules for parameters, checked before the call: a broken one is never sent.
      const bad = content.template.params.findIndex((p) => !paramKeepsRules(p));
      if (bad >= 0 || !('phone' in to)) {
        const why = bad >= 0 ? `parameter {{${bad + 1}}} breaks the template rules` : 'a template goes to a phone only';
        throw new KarooError(`Karoo POST /v1/messages not sent: ${why}`, 'final', undefined, 'template_not_approved', undefined);
      }
    }
    const body = await this.post('/v1/messages', { to, department, ...content }, idempotencyKey);
    return { chatId: asText(body.chatId), id: asText(body.id) };
  }

  private async post(path: string, payload: unknown, idempotencyKey: string): Promise<Record<string, unknown>> {
    let response: PostAnswer;
    try {
      response = await postJson(
        `${this.baseUrl}${path}`,
        { authorization: `Bearer ${this.options.token}`, 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        JSON.stringify(payload),
        this.options.timeoutMs,
      );
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new KarooError(
        `Karoo POST ${path} ${timedOut ? 'timed out' : `failed: ${networkFailure(err)}`}`,
        'retryable',
        undefined,
        timedOut ? 'timeout' : 'network',
        undefined,
      );
    }

    const { text, status } = response;
    const json = readJsonObject(text);
    if (status >= 200 && status < 300) return json ?? {};

    const error = (json?.error ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof error.code === 'string' ? error.code : undefined;
    const detail = typeof error.message === 'string' ? truncate(error.message, 300) : truncate(text, 200);
    throw new KarooError(
      `Karoo POST ${path} answered ${status}${code ? ` ${code}` : ''}: ${detail}`,
      statusKind(status),
      status,
      code,
      honoursRetryAfter(status) ? parseRetryAfter(asText(response.headers['retry-after']) || null) : undefined,
    );
  }
}


