import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { launchChromium } from '../helpers/chromium.js';
import { build, freePort, testConfig } from '../helpers/build.js';
import { SEED_NOW, seed } from '../helpers/painel-seed.js';
import { seedWeekend } from '../helpers/plantao-seed.js';

/** The supervisors' page in real headless Chromium (Debian's), with JavaScript off: it needs none. */
describe('the supervisors page in a browser', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    app = await build({
      config: testConfig({ PORT: String(port), HOST: '127.0.0.1', SUPERVISOR_USER: 'supervisao', SUPERVISOR_PASSWORD: 'painel-secreto' }),
      clock: new ManualClock(SEED_NOW.toISOString()),
    });
    await seed(app);
    await seedWeekend(app);
    await app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, javaScriptEnabled: false, httpCredentials: { username: 'supervisao', password: 'painel-secreto' } });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    mkdirSync('test-results', { recursive: true });
    await page?.screenshot({ path: 'test-results/painel.png', fullPage: true });
    await browser?.close();
    await app?.close();
  });

  it('shows the monitorings, late first, and filters them with the form', async () => {
    await page.goto(`${base}/painel`);
    const rows = page.locator('#monitoramentos tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().innerText()).toContain('Mercado Bom Preço');
    expect(await rows.first().locator('.state').innerText()).toBe('atrasado');
    await page.selectOption('select[name=estado]', 'com o vendedor');
    await page.click('button[type=submit]');
    await page.waitForURL(/estado=com/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain('Farmácia Vida');
    await page.goto(`${base}/painel`); // the screenshot shows the whole table
  });

  it("shows the seeded weekend's plantão per technician and its QA flags, and chooses it with the form", async () => {
    await page.goto(`${base}/painel`);
    const section = page.locator('#plantao');
    expect(await section.locator('h2').innerText()).toBe('Plantão — sábado, 21/11 e domingo, 22/11');
    const rows = section.locator('#plantao-tecnicos tbody tr');
    expect(await rows.count()).toBe(5);
    expect(await rows.first().innerText()).toContain('Diego Rocha');
    expect(await section.locator('#plantao-tecnicos tfoot').innerText()).toContain('2 técnicos');
    const flags = section.locator('#alertas tbody tr');
    expect(await flags.count()).toBe(7);
    expect(await flags.first().innerText()).toContain('102, 103, 104');
    expect(await section.innerText()).toContain('Relatório de QA enviado a Quitéria Alves');
    await section.locator('button[type=submit]').click();
    await page.waitForURL(/plantao=2026-11-23/);
    expect(await page.locator('#plantao-tecnicos tbody tr').count()).toBe(5);
    await page.goto(`${base}/painel`);
  });

  it('downloads the CSV of what it shows', async () => {
    const res = await page.request.get(`${base}/painel/monitoramentos.csv?agente=joao.silva`);
    expect(res.status()).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(['Mercado Bom Preço', 'Padaria Pão Quente']);
  });
});
