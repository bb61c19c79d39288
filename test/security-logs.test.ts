import { afterEach, describe, expect, it } from 'vitest';
import { KAROO_TOKEN, makeEvent, signedRequest, TEST_SECRET } from './helpers/build.js';
import { Harness } from './helpers/harness.js';
import { capturingLogger, PHONE_IN_CLEAR } from './helpers/test-logs.js';

/**
 * Everything the bot logs at debug level through a busy scenario (a monitoring close with Bimer,
 * an on-call customer with a phone, a reseller's customer, refused requests) holds no secret and
 * no phone number in clear.
 */
describe('logs', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.stop();
    h = undefined;
  });

  it('never contain a secret or an unmasked phone number', async () => {
    const lines: string[] = [];
    h = new Harness('2026-11-21T10:00:00-03:00', { BIMER_CLIENT_SECRET: 'bimer-client-secret-Zq81', BIMER_PASSWORD: 'bimer-password-Xk29', ADMIN_USER: 'ops', ADMIN_PASSWORD: 'admin-password-Wv55', LOG_LEVEL: 'debug' });
    h.logger = capturingLogger(lines);
    await h.start();
    await h.agentSays('finalizei a implantação do cliente 123. Parecer: cliente satisfeito');
    await h.agentSays('2026110900017');
    await h.chatSays('ch_log_1', 'Bom dia, o sistema não abre, meu telefone é +55 21 98888-7777');
    const reseller = makeEvent({ chatId: 'ch_log_2', department: 'suporte', kind: 'customer', login: null, text: 'preciso de ajuda', phone: '+5551977776666' });
    await h.post(reseller);
    await h.idle();
    await h.app.inject(signedRequest(makeEvent({ text: 'oi' }), { secret: 'whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==' }));
    await h.app.inject({ url: '/admin/queues', headers: { authorization: `Basic ${Buffer.from('ops:admin-password-Wv55').toString('base64')}` } });
    await h.app.inject({ url: '/admin/queues', headers: { authorization: `Basic ${Buffer.from('ops:wrong-one').toString('base64')}` } });
    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [TEST_SECRET, TEST_SECRET.slice('whsec_'.length), KAROO_TOKEN, 'bimer-client-secret-Zq81', 'bimer-password-Xk29', 'admin-password-Wv55', 'bimer-token']) {
      expect(log, `a secret leaked: ${secret}`).not.toContain(secret);
    }
    for (const clear of ['"+5551977776666"', 'telefone é +55 21 98888-7777', 'ch_cust_5511988776655', 'ligue (21) 98888-7777']) {
      expect(clear.match(PHONE_IN_CLEAR), `the pattern catches ${clear}`).toHaveLength(1);
    }
    for (const noise of ['"time":1795478385052', '"responseTime":2.1175590000000284', '"responseTime":3.6055670000000646', '"phone":"+5521*****0000"', '"eventId":"evt_55490216-3468-4c6f-91dd-504e18e60dc3"', '"id":"9f1c2e3a-1b2c-4d5e-8f90-552199998888"']) {
      expect(noise.match(PHONE_IN_CLEAR), `the pattern leaves ${noise}`).toBeNull();
    }
    const phones = log.match(PHONE_IN_CLEAR) ?? [];
    expect(phones, 'unmasked phone numbers in the logs').toEqual([]);
  });
});
