import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AuditLog } from '../audit/audit-log.js';
import { PrivacyEraser } from '../privacy/erase.js';
import { readUnanswered } from '../store/unanswered.js';
import { toE164 } from '../util/phone.js';
import { spreadsheetSafe } from '../util/cells.js';
import { requireLogin } from './login.js';

export const ADMIN_QUEUES_PATH = '/admin/queues';

/** A TSV field: no tabs or line breaks inside, never a formula. */
const cell = (v: string | number) => (typeof v === 'number' ? String(v) : spreadsheetSafe(v.replace(/[\t\r\n]+/g, ' ')));

/**
 * The ops routes in one scope behind the ops login (HTTP Basic, `ADMIN_USER`/`ADMIN_PASSWORD`;
 * off when they are not set): bull-board at /admin/queues, the reloads, the learning loop, the
 * audit trail and erasure.
 */
async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app;
  const { request: redis, keys } = app.redis;
  const { events, outbound, bimer, timers } = app.queues;
  const queues = [...events.queues, ...outbound.queues, bimer.queue, timers.queue];
  const roster = app.flowContext.roster;
  const knowledgeBase = app.language.knowledgeBase;
  const nlu = () => app.flowContext.current().nlu;
  const eraser = new PrivacyEraser(redis, keys, config.settings.redis.prefix, () => queues, app.logger, () => app.clock.now());
  const user = config.ADMIN_USER;
  const password = config.ADMIN_PASSWORD;
  if (!user || !password) {
    app.log.warn('bull-board disabled: set ADMIN_USER and ADMIN_PASSWORD to enable /admin/queues');
    return;
  }
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })), serverAdapter });

  await requireLogin(app, 'karoo-bot ops', { user, password });
  await app.register(serverAdapter.registerPlugin(), { prefix: ADMIN_QUEUES_PATH });
  // Reload the roster now (it is also reloaded when the file changes).
  // Writes take JSON or a same-origin request: a cross-site form with the cached login is refused (CSRF).
  const sameOrigin = { onRequest: app.security.sameOrigin };
  app.post('/admin/roster/reload', sameOrigin, (_request, reply) => {
    const result = roster.reload();
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  app.post('/admin/faq/reload', sameOrigin, (_request, reply) => {
    const result = knowledgeBase.reload();
    return reply.code(result.ok ? 200 : 422).send(result);
  });
  // The learning loop: what agents asked that the bot did not know, or was unsure of (newest
  // first), with the classifier's best guesses; `?format=tsv` gives a file ready to label (put
  // the right label in the first column, then add the lines to data/nlu/train/faq-*.tsv).
  app.get<{ Querystring: { format?: string; limit?: string } }>('/admin/nlu/unknown', async (request, reply) => {
    const limit = Math.min(1000, Math.max(1, Number(request.query.limit ?? 200) || 200));
    const rows = (await readUnanswered(redis, keys, limit)).map((u) => ({ ...u, guesses: nlu().explain(u.question, 'faq').top.filter((g) => g.label !== 'None') })); // nlp.js's own "None" is no label: `none` is
    if (request.query.format === 'tsv') {
      const lines = [
        '# label (write faq.<entry id> or none)\ttext\tbot_kind\tconfidence\tguess\tat\tlogin',
        ...rows.map((r) => [r.guesses[0]?.label ?? 'none', r.question, r.kind, r.confidence, r.guesses.map((g) => `${g.label}:${g.score}`).join(' '), r.at, r.login].map(cell).join('\t')),
      ];
      return reply.type('text/tab-separated-values; charset=utf-8').header('content-disposition', 'attachment; filename="nlu-unknown.tsv"').send(`${lines.join('\n')}\n`);
    }
    return reply.send({ count: rows.length, items: rows });
  });
  // The supervisors' teachings (issue 24, taught on /painel): every one with its audit, and
  // `?format=tsv` the FAQ lines they add (`faq.<entry id>` or `none`), to fold into data/nlu/train
  // (a new entry's question and answer go into kb/faq.yaml by hand, with the id shown).
  app.get<{ Querystring: { format?: string } }>('/admin/nlu/taught', async (request, reply) => {
    const teachings = await app.learning.store.all();
    if (request.query.format === 'tsv') {
      const lines = teachings
        .filter((t) => !t.undone)
        .flatMap((t) => t.questions.map((q) => [t.kind === 'none' ? 'none' : `faq.${t.kind === 'entry' ? t.entry.id : t.entryId}`, q].map(cell).join('\t')));
      return reply.type('text/tab-separated-values; charset=utf-8').header('content-disposition', 'attachment; filename="faq-taught.tsv"').send(`# label\ttext (taught on /painel)\n${lines.join('\n')}\n`);
    }
    return reply.send({ teachings, audit: await app.learning.store.audit(200), status: await app.learning.status() });
  });
  // The audit trail of a ticket the bot touched: what it did, when, and because of which event.
  const audit = new AuditLog(redis, keys, config.settings.retentionDays);
  app.get<{ Params: { protocol: string } }>('/admin/audit/:protocol', async (request, reply) => {
    const { protocol } = request.params;
    if (!/^[\w.-]{1,40}$/.test(protocol)) return reply.code(400).send({ error: { code: 'invalid_protocol', message: 'A protocol is letters, digits, dots or dashes (e.g. 2026112300002).' } });
    const trail = await audit.trail(protocol);
    if (!trail) return reply.code(404).send({ error: { code: 'not_found', message: `The bot has no record of ticket ${protocol} (never touched by it, or older than RETENTION_DAYS).` } });
    return reply.send({ protocol, ...trail });
  });
  // Erasure on request (LGPD): everything the bot keeps about a phone or a customer code.
  app.post<{ Body: unknown }>('/admin/privacy/erase', sameOrigin, async (request, reply) => {
    const body = (request.body ?? {}) as { phone?: unknown; customerCode?: unknown };
    const rawPhone = typeof body.phone === 'string' && body.phone.trim() ? body.phone : null;
    const rawCode = typeof body.customerCode === 'string' || typeof body.customerCode === 'number' ? String(body.customerCode).trim() : '';
    if (!rawPhone && !rawCode) return reply.code(400).send({ error: { code: 'invalid_body', message: 'Give "phone" (as people type it, e.g. (21) 99999-0001) or "customerCode" (e.g. 000123), or both.' } });
    const phone = rawPhone ? toE164(rawPhone) : null;
    if (rawPhone && !phone) return reply.code(400).send({ error: { code: 'invalid_phone', message: `"${rawPhone}" is not a phone number the bot can read (e.g. (21) 99999-0001).`, field: 'phone' } });
    if (rawCode && !/^\d{1,10}$/.test(rawCode)) return reply.code(400).send({ error: { code: 'invalid_customer_code', message: 'A customer code is digits (e.g. 000123).', field: 'customerCode' } });
    const customerCode = rawCode ? rawCode.padStart(6, '0') : null;
    const erased = await eraser.erase({ phone, customerCode });
    return reply.send({
      erased,
      optedOut: erased.monitorings > 0 || erased.chats > 0,
      note: 'The monitorings stay (anonymised, opted out: the bot writes to this person no more) so the indicators keep their counts. Bimer and Karoo records are not changed.',
    });
  });
  app.log.info({ path: ADMIN_QUEUES_PATH }, 'bull-board enabled');
}

export default fp(adminRoutes, {
  name: 'routes-admin',
  fastify: '5.x',
  encapsulate: true,
  dependencies: ['redis', 'queues', 'language', 'flow-context', 'security', 'learning'],
});
