import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The walls between the layers are ESLint rules (eslint.config.js), so `npm test` fails when one
 * is crossed. Each row lints a line as if it were written in that file: the rule must fire where
 * the wall is, and stay quiet where the import is allowed.
 */
const eslint = new ESLint();
const rows: { file: string; code: string; blocked: boolean }[] = [
  { file: 'src/flows/agent-flow.ts', code: "import type { NewTicket } from '../bimer-client/types.js';", blocked: true },
  { file: 'src/flows/monitoring/cycle.ts', code: "import type { KarooApi } from '../../karoo-client/karoo-client.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { Redis } from 'ioredis';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { Timers } from '../scheduler/timers.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { KarooEvent } from '../domain/karoo-event.js';", blocked: false },
  { file: 'src/flows/router.ts', code: "import { fold } from '../util/text.js';", blocked: false },
  { file: 'src/domain/bimer-ops.ts', code: "import { fold } from '../util/text.js';", blocked: true },
  { file: 'src/domain/bimer-ops.ts', code: "import type { TicketDraft } from './ticket-draft.js';", blocked: false },
  { file: 'src/bimer-client/operations.ts', code: "import type { KarooApi } from '../karoo-client/karoo-client.js';", blocked: true },
  { file: 'src/karoo-client/karoo-client.ts', code: "import type { BimerApi } from '../bimer-client/types.js';", blocked: true },
  { file: 'src/karoo-client/karoo-client.ts', code: "import type { ProactiveRecipient } from '../domain/recipient.js';", blocked: false },
  // Flows: an allow-list (domain/, their own files, the named pure helpers), whatever the depth.
  { file: 'src/flows/router.ts', code: "import { postJson } from '../http/http-post.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { BotMetrics } from '../metrics/metrics.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import type { PrivacyEraser } from '../privacy/erase.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import { renderPainel } from '../painel/page.js';", blocked: true },
  { file: 'src/flows/router.ts', code: "import fp from 'fastify-plugin';", blocked: true },
  { file: 'src/flows/router.ts', code: "import { z } from 'zod';", blocked: true },
  { file: 'src/flows/router.ts', code: "import { withRetry } from '../util/retry.js';", blocked: true },
  { file: 'src/flows/dialogs/faq.ts', code: "import { loadCorpus } from '../../files/corpus.js';", blocked: true },
  { file: 'src/flows/dialogs/faq.ts', code: "import type { AuditLog } from '../../audit/audit-log.js';", blocked: true },
  { file: 'src/flows/dialogs/faq.ts', code: "import { pick } from '../phrases.js';", blocked: false },
  { file: 'src/flows/dialogs/faq.ts', code: "import { fold } from '../../util/text.js';", blocked: false },
  { file: 'src/flows/dialogs/faq.ts', code: "import type { FaqDecision } from '../../nlu/faq-reading.js';", blocked: false },
  { file: 'src/flows/dialogs/faq.ts', code: "import type { StreamKey } from '../../domain/stream.js';", blocked: false },
  // The pure helpers do no I/O and import only each other and domain/.
  { file: 'src/nlu/dataset.ts', code: "import { readFileSync } from 'node:fs';", blocked: true },
  { file: 'src/nlu/dataset.ts', code: "import { loadCorpus } from '../files/corpus.js';", blocked: true },
  { file: 'src/faq/faq-index.ts', code: "import type { Keys } from '../store/keys.js';", blocked: true },
  { file: 'src/util/text.ts', code: "import { Worker } from 'node:worker_threads';", blocked: true },
  { file: 'src/nlu/teachings.ts', code: "import type { Teaching } from '../domain/teaching.js';", blocked: false },
  { file: 'src/roster/roster.ts', code: "import { fold } from '../util/text.js';", blocked: false },
  // The scheduler runs what it is handed: never the Bimer wire format.
  { file: 'src/scheduler/bimer-queue.ts', code: "import type { BimerTicket } from '../bimer-client/types.js';", blocked: true },
  { file: 'src/scheduler/bimer-queue.ts', code: "import type { RunBimerOp } from '../domain/bimer-ops.js';", blocked: false },
];

describe('the walls between layers', () => {
  it.each(rows)('$file: $code → blocked $blocked', async ({ file, code, blocked }) => {
    const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: file });
    const restricted = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    expect(restricted.length > 0).toBe(blocked);
  });
});

/**
 * Every HTTP route lives in src/routes/ (one file per route group); the plugins in src/plugins/
 * only decorate the app. A route registered anywhere else fails here.
 */
describe('routes in one place', () => {
  const ROUTE = /\b(?:app|scope|fastify|instance)\.(?:get|post|put|patch|delete|all|route)(?:<.*?>)?\(/;
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  it('finds the routes it looks for (the probe works)', () => {
    const routes = sources('src/routes').filter((f) => ROUTE.test(readFileSync(f, 'utf8')));
    expect(routes.map((f) => f.replace(/\\/g, '/')).sort()).toEqual(
      ['admin', 'health', 'metrics', 'painel-questions', 'painel', 'sandbox-standins', 'simulator', 'webhook'].map((n) => `src/routes/${n}.ts`).sort(),
    );
  });

  it('finds none outside src/routes/', () => {
    const elsewhere = sources('src').filter((f) => !f.replace(/\\/g, '/').startsWith('src/routes/') && ROUTE.test(readFileSync(f, 'utf8')));
    expect(elsewhere).toEqual([]);
  });
});
