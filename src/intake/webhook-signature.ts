import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks verification as a pure function of (secrets, headers, body, now): the v1
 * HMAC-SHA256 of `<id>.<timestamp>.<body>` under each configured secret, computed by Node's own
 * crypto (native, an order of magnitude cheaper than the library's JavaScript SHA-256 on the hot
 * path), compared in constant time against every v1 signature offered. The `standardwebhooks`
 * library still reads the `whsec_` secrets at start (refusing a malformed one) and signs for the
 * tests, the benches and the sandbox, so every test also checks the two agree. The time window is
 * checked against the injected clock.
 */

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type VerifyFailure =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature';

export type VerifyResult = { ok: true; id: string; timestamp: number } | { ok: false; reason: VerifyFailure };

/** Node's lower-cased request headers; only the three webhook-* ones are read. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export class WebhookVerifier {
  private readonly keys: Buffer[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('at least one webhook secret is required');
    this.keys = secrets.map((s) => {
      new Webhook(s); // throws on a secret that is not `whsec_` + base64, or empty
      return Buffer.from(s.startsWith('whsec_') ? s.slice('whsec_'.length) : s, 'base64');
    });
  }

  verify(headers: WebhookHeaders, rawBody: string | Buffer, now: Date): VerifyResult {
    const id = single(headers['webhook-id']);
    const timestampHeader = single(headers['webhook-timestamp']);
    const signatureHeader = single(headers['webhook-signature']);
    if (!id || !timestampHeader || !signatureHeader) return { ok: false, reason: 'missing_headers' };
    if (!/^\d{1,12}$/.test(timestampHeader)) return { ok: false, reason: 'bad_timestamp' };
    const timestamp = Number(timestampHeader);
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (nowSeconds - timestamp > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp_too_old' };
    if (timestamp - nowSeconds > WEBHOOK_TOLERANCE_SECONDS) return { ok: false, reason: 'timestamp_too_new' };

    const offered = signatureHeader
      .split(' ')
      .map((part) => part.split(','))
      .filter(([version, sig]) => version === 'v1' && sig)
      .map(([, sig]) => Buffer.from(sig as string));
    if (offered.length === 0) return { ok: false, reason: 'no_matching_signature' };

    for (const key of this.keys) {
      // The body's bytes as sent (a string is its UTF-8): a body that is not valid UTF-8 is still the
      // sender's, and checked as such (decoding first would change it).
      const expected = Buffer.from(createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64'));
      for (const candidate of offered) {
        if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
          return { ok: true, id, timestamp };
        }
      }
    }
    return { ok: false, reason: 'no_matching_signature' };
  }
}

/** Signs a body the way Karoo does: used by tests, benches and the sandbox's simulated Karoo. */
export function signWebhook(secret: string, id: string, timestamp: number, rawBody: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new Webhook(secret).sign(id, new Date(timestamp * 1000), rawBody),
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
