import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build, waitFor } from '../helpers/build.js';

/**
 * A knowledge base edited while the bot runs: retrained in a worker thread, so the event loop
 * (the webhooks) is served meanwhile, and put in force whole; one that does not fit the language
 * data leaves the previous one in force.
 */

const NEW_ENTRY = `
- id: reembolso-plantao
  question: Como peço reembolso do transporte do plantão?
  answer: |
    Lance o recibo no sistema de despesas até o dia 5 do mês seguinte.
  phrasings:
    - reembolso do uber do plantão
    - como recebo de volta o transporte do plantao
  tags: [reembolso, transporte]
`;

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The largest delay of a 10 ms timer over `ms`: what a webhook would wait for the event loop. */
async function loopDelay(ms: number): Promise<number> {
  let worst = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 10));
    worst = Math.max(worst, performance.now() - at - 10);
  }
  return worst;
}

describe('a knowledge base edited while the bot runs', () => {
  it('is learned in a worker thread, the previous base answering until the new one is whole', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kb-')), 'faq.yaml');
    copyFileSync('kb/faq.yaml', file);
    app = await build({ env: { FAQ_FILE: file } });
    const a = app;
    writeFileSync(file, readFileSync(file, 'utf8') + NEW_ENTRY);
    expect(a.language.knowledgeBase.reload().ok).toBe(true);
    // The model in force is still the previous one, and the event loop is not held by the training (seconds of it).
    expect(a.language.faq.entry('reembolso-plantao')).toBeNull();
    expect(await loopDelay(1000)).toBeLessThan(500);
    await waitFor(() => a.language.faq.entry('reembolso-plantao'), { timeoutMs: 60_000, intervalMs: 100 });
    const reading = a.language.nlu.agent('como faço pra pedir reembolso do uber do plantao?', 'idle');
    expect(reading.kind === 'faq' && reading.faq.kind === 'answer' ? reading.faq.entry.id : reading.kind).toBe('reembolso-plantao');
  }, 90_000);

  it('keeps the previous base when the new one does not fit the language data', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kb-')), 'faq.yaml');
    copyFileSync('kb/faq.yaml', file);
    app = await build({ env: { FAQ_FILE: file } });
    // The training data labels questions with this entry: a base without it cannot be trained.
    const text = readFileSync(file, 'utf8');
    const from = text.indexOf('- id: plantao-hardware');
    const to = text.indexOf('\n- id:', from + 1);
    writeFileSync(file, text.slice(0, from) + text.slice(to + 1));
    expect(app.language.knowledgeBase.reload().ok).toBe(true);
    const { language } = app;
    await app.close(); // waits for the retraining to end
    app = undefined;
    expect(language.faq.entry('plantao-hardware')).not.toBeNull();
  }, 90_000);
});
