import { describe, expect, it } from 'vitest';
import { signWebhook, WebhookVerifier } from '../../src/intake/webhook-signature.js';

// The published test vector of the Standard Webhooks specification.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const OTHER_SECRET = 'whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkh';
const at = (seconds: number) => new Date(seconds * 1000);

function headers(signature = SPEC.signature, timestamp = SPEC.timestamp, id = SPEC.id) {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

describe('WebhookVerifier', () => {
  const verifier = new WebhookVerifier([SPEC.secret]);

  it("agrees with the Standard Webhooks library on any body (accents, emoji, half an emoji, a Buffer), under either secret", () => {
    const bodies = ['{}', '{"text":"ação não é fácil"}', '{"text":"👍🏽 ok"}', '{"text":"\ud83d"}', `{"text":"${'x'.repeat(60_000)}"}`];
    const both = new WebhookVerifier([OTHER_SECRET, SPEC.secret]);
    for (const [i, body] of bodies.entries()) {
      for (const secret of [SPEC.secret, OTHER_SECRET]) {
        const signed = signWebhook(secret, `msg_${i}`, SPEC.timestamp + i, body);
        expect(both.verify(signed, body, at(SPEC.timestamp)).ok).toBe(true);
        expect(both.verify(signed, Buffer.from(body), at(SPEC.timestamp)).ok).toBe(true);
        expect(both.verify(signed, `${body} `, at(SPEC.timestamp))).toEqual({ ok: false, reason: 'no_matching_signature' });
      }
    }
    // The single-secret verifier refuses what only the other secret signed.
    expect(verifier.verify(signWebhook(OTHER_SECRET, 'msg_x', SPEC.timestamp, '{}'), '{}', at(SPEC.timestamp)).ok).toBe(false);
  });

  it('refuses at start a secret that is not whsec_ + base64', () => {
    expect(() => new WebhookVerifier(['whsec_não base64!'])).toThrow();
    expect(() => new WebhookVerifier([])).toThrow('at least one webhook secret is required');
  });

  it('verifies the specification test vector', () => {
    expect(verifier.verify(headers(), SPEC.payload, at(SPEC.timestamp))).toEqual({
      ok: true,
      id: SPEC.id,
      timestamp: SPEC.timestamp,
    });
    expect(signWebhook(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.payload)['webhook-signature']).toBe(SPEC.signature);
  });

  it('accepts a timestamp up to five minutes away on either side, and no further', () => {
    expect(verifier.verify(headers(), SPEC.payload, at(SPEC.timestamp + 300)).ok).toBe(true);
    expect(verifier.verify(headers(), SPEC.payload, at(SPEC.timestamp - 300)).ok).toBe(true);
    expect(verifier.verify(headers(), SPEC.payload, at(SPEC.timestamp + 301))).toEqual({
      ok: false,
      reason: 'timestamp_too_old',
    });
    expect(verifier.verify(headers(), SPEC.payload, at(SPEC.timestamp - 301))).toEqual({
      ok: false,
      reason: 'timestamp_too_new',
    });
  });

  it('rejects a tampered body, another id and a signature made with another secret', () => {
    const now = at(SPEC.timestamp);
    expect(verifier.verify(headers(), '{"test": 2432232315}', now).ok).toBe(false);
    expect(verifier.verify(headers(SPEC.signature, SPEC.timestamp, 'msg_other'), SPEC.payload, now).ok).toBe(false);
    const forged = signWebhook(OTHER_SECRET, SPEC.id, SPEC.timestamp, SPEC.payload);
    expect(verifier.verify(forged, SPEC.payload, now)).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('rejects missing headers and malformed values', () => {
    const now = at(SPEC.timestamp);
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const partial: Record<string, string> = headers();
      delete partial[name];
      expect(verifier.verify(partial, SPEC.payload, now)).toEqual({ ok: false, reason: 'missing_headers' });
    }
    expect(verifier.verify(headers(SPEC.signature, Number.NaN), SPEC.payload, now).ok).toBe(false);
    expect(verifier.verify(headers('v2,abc'), SPEC.payload, now).ok).toBe(false);
    expect(verifier.verify(headers('garbage'), SPEC.payload, now).ok).toBe(false);
  });

  it('passes when any of several listed signatures is valid (sender rotating its secret)', () => {
    const list = `v1,Zm9yZ2VkIHNpZ25hdHVyZSBmb3IgdGVzdGluZyE= ${SPEC.signature}`;
    expect(verifier.verify(headers(list), SPEC.payload, at(SPEC.timestamp)).ok).toBe(true);
  });

  it('accepts any configured secret during rotation, and not a rotated-out one', () => {
    const rotating = new WebhookVerifier([OTHER_SECRET, SPEC.secret]);
    expect(rotating.verify(headers(), SPEC.payload, at(SPEC.timestamp)).ok).toBe(true);
    const rotatedOut = new WebhookVerifier([OTHER_SECRET]);
    expect(rotatedOut.verify(headers(), SPEC.payload, at(SPEC.timestamp)).ok).toBe(false);
  });
});
