import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, SANDBOX_KAROO_TOKEN } from '../../src/config.js';
import { launchChromium } from '../helpers/chromium.js';
import { build, freePort } from '../helpers/build.js';

/** The simulator page in real headless Chromium (Debian's, installed by scripts/ensure-chromium.sh). */


describe('the simulator page in a browser', () => {
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({ SANDBOX: 'true', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: inject('redisUrl'), QUEUE_PREFIX: `web-${port}`, LOG_LEVEL: 'silent' });
    app = await build({ config, clock: new ManualClock('2026-11-23T10:00:00-03:00') });
    await app.listen({ host: '127.0.0.1', port });
    url = `http://127.0.0.1:${port}/sandbox`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(url);
  }, 60_000);

  afterAll(async () => {
    mkdirSync('test-results', { recursive: true });
    await page?.screenshot({ path: 'test-results/simulator.png', fullPage: true });
    await browser?.close();
    await app?.close();
  });

  const pane = (name: string) => page.locator(`section[data-pane="${name}"]`);
  async function write(name: string, text: string, asAgent = false): Promise<void> {
    if (asAgent) await pane(name).locator('input[name=asAgent]').check();
    await pane(name).locator('input[type=text]').fill(text);
    await pane(name).locator('form button').click();
  }
  /** Waits until the pane shows a message with this text, and returns it. */
  async function seen(name: string, text: string | RegExp): Promise<string> {
    const message = pane(name).locator('.log .msg', { hasText: text }).last();
    await message.waitFor({ timeout: 15_000 });
    return message.innerText();
  }
  const clockButton = (label: string) => page.getByRole('button', { name: label, exact: true });

  it('plays an implantation close and a week-1 check-in, with the 2266 on screen', async () => {
    expect(await page.locator('h1').innerText()).toBe('karoo-bot · simulador');
    await write('agent', 'finalizei a implantação do cliente 123');
    expect(await seen('agent', 'Padaria Pão Quente')).toMatch(/parecer/);
    await write('agent', 'Cliente satisfeito e teve algumas dúvidas.');
    await seen('agent', 'RSP');
    await write('agent', 'registrar');
    const created = await seen('agent', 'Criei o 2266');
    expect(created).toContain('segunda-feira, 30/11 às 08:00');
    await page.locator('#tickets td pre', { hasText: 'P: Cliente satisfeito e teve algumas dúvidas.' }).waitFor({ timeout: 15_000 });

    await clockButton('+7 dias').click();
    // A week after the last message: WhatsApp takes only the template, shown as such.
    const followUp = await seen('customer', '1ª semana');
    expect(followUp).toContain('João Silva');
    expect(followUp).toContain('modelo do WhatsApp: acompanhamento_semanal');
    expect(await pane('customer').getByRole('button', { name: 'marcar como não entregue' }).count()).toBe(1);
    await write('customer', 'Tudo certo por aqui, obrigada!');
    await seen('agent', 'Tudo certo por aqui, obrigada!');
    await write('agent', 'sim');
    await page.locator('#tickets td pre', { hasText: '(x) primeira semana' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#tickets').innerText()).toContain('000029');
  }, 60_000);

  it('shows a Saturday idle check-in and the end-of-shift notice', async () => {
    await clockButton('sábado 10:00').click();
    await page.locator('#clock', { hasText: 'sábado' }).waitFor({ timeout: 15_000 });
    await write('partner', 'bom dia, cliente com rejeição 539 na NFC-e');
    await clockButton('+30 min').click();
    // Nobody has answered the partner yet: the check-in says the plantão has it and asks whether there is anything more.
    expect(await seen('partner', /Rafael/)).toMatch(/plantão.*algo mais/s);
    await clockButton('sábado 17:30').click();
    await write('partner', 'voltei, mais uma dúvida');
    expect(await seen('partner', 'ainda temos 30 minutos para')).toContain('18:00');
  }, 60_000);

  it("shows the staff's messages, jumps to the next event, and resets to a fresh start that plays again", async () => {
    const note = page.locator('#clock-note');
    // The reseller's customer calls the plantão: the reseller's notice shows in the staff pane.
    await clockButton('sábado 10:00').click();
    // The clock moves through a week of timers on the way: wait until it stands on Saturday 10:00.
    await page.locator('#clock', { hasText: /sábado, \d{2}\/\d{2} às 10:00 \(plantão ativo\)/ }).waitFor({ timeout: 30_000 });
    await write('reseller', 'bom dia, o sistema não abre aqui no mercado');
    const notice = page.locator('#staff .msg', { hasText: 'Carlos Souza' });
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.innerText()).toMatch(/Para Carlos Souza \(Revenda Sul Sistemas\), \(51\) 93333-4444 · departamento partner · sábado, \d{2}\/12 às 10:00/);
    expect(await notice.innerText()).toContain('modelo do WhatsApp: aviso_revenda');
    // A hostile text reaches the page as text, never as markup.
    const hostile = '<img src=x onerror="document.title=\'xss\'"> & <b>negrito</b>';
    const sent = await app.inject({ method: 'POST', url: '/sandbox/karoo/v1/messages', headers: { authorization: `Bearer ${SANDBOX_KAROO_TOKEN}` }, payload: { to: { login: 'carla.supervisora' }, department: 'bot', text: hostile } });
    expect(sent.statusCode).toBe(201);
    const toCarla = page.locator('#staff .msg', { hasText: 'Carla Mendes (carla.supervisora)' });
    await toCarla.waitFor({ timeout: 15_000 });
    expect(await toCarla.innerText()).toContain(hostile);
    expect(await page.locator('#staff img, #staff b').count()).toBe(0);
    expect(await page.title()).toBe('karoo-bot · simulador');

    // "Próximo evento": the clock jumps to what the bot armed, and the page says what it was.
    const before = await page.locator('#clock').innerText();
    await clockButton('Próximo evento').click();
    await note.filter({ hasText: /^Avançou até .+ — .+/ }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('#clock').innerText(), { timeout: 15_000 }).not.toBe(before);

    // "Reiniciar" asks first: dismissed, nothing changes.
    const jumped = await page.locator('#clock').innerText();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await clockButton('Reiniciar').click();
    await page.waitForTimeout(500);
    expect(asked).toContain('Reiniciar o simulador?');
    expect(await page.locator('#clock').innerText()).toBe(jumped);
    expect(await page.locator('#staff .msg').count()).toBeGreaterThan(1);
    // Accepted: the page reloads clean, the clock back at the start.
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForEvent('load'), clockButton('Reiniciar').click()]);
    await page.locator('#clock', { hasText: 'segunda-feira, 23/11 às 10:00' }).waitFor({ timeout: 15_000 });
    await page.locator('#staff .empty').waitFor({ timeout: 15_000 });
    expect(await page.locator('section[data-pane] .msg').count()).toBe(0);
    expect(await page.locator('#tickets tbody tr').count()).toBe(1); // the seed's RSP
    await clockButton('Próximo evento').click();
    await note.filter({ hasText: 'Nenhum evento agendado.' }).waitFor({ timeout: 15_000 });

    // The running bot plays again at once, and its timers fire.
    await write('agent', 'finalizei a implantação do cliente 123');
    expect(await seen('agent', 'Padaria Pão Quente')).toMatch(/parecer/);
    await write('agent', 'Cliente satisfeito e teve algumas dúvidas.');
    await seen('agent', 'RSP');
    await write('agent', 'registrar');
    await seen('agent', 'Criei o 2266');
    await page.locator('#tickets td', { hasText: '2026112300002' }).waitFor({ timeout: 15_000 });
    await clockButton('Próximo evento').click();
    await note.filter({ hasText: 'Avançou até segunda-feira, 30/11 às 08:00 — acompanhamento semanal do cliente 000123 (1ª semana)' }).waitFor({ timeout: 15_000 });
    await seen('customer', '1ª semana');
  }, 90_000);
});
