import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../apps/api/src/create-app.js';
import { DEMO_EXPIRES_ON, DEMO_GTIN, demoScan, seed } from '../apps/cli/src/commands/seed.js';
import { packDigitalLink, yymmddOf } from '#gs1';
import type { AppConfig } from '#config';
import { Projector } from '#read-models';
import { testClock } from './harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI)
  process.stdout.write(`web interface tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
const describeWeb = available || process.env.CI ? describe : describe.skip;

describeWeb('web interface in a real browser (headless Chromium)', () => {
  let dataDir: string;
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cannatrace-web-'));
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      database: { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
      eventStore: { kind: 'database' },
      jwt: { secretFile: join(dataDir, 'jwt-secret') },
      rateLimitPerMinute: 100_000,
      corsOrigins: [],
      runProjections: true,
      demo: true,
      clock: testClock,
    };
    await seed(config);
    app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    await app.get(Projector).caughtUp();
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The browser lives on the api's day: dates the page proposes are the api's today.
    await page.clock.setFixedTime(testClock());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const actor = async (label: RegExp) => {
    await page.goto(`${base}/#/connexion`);
    await page.getByRole('button', { name: label }).click();
  };

  it('signs in by picking a demo actor', async () => {
    await page.goto(base);
    await page.evaluate("localStorage.removeItem('token')"); // signed out, whatever ran before
    await page.goto(base);
    await expect(page.getByRole('heading', { name: 'Connexion' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'connexion.png') });
    await actor(/Pharmacie du Centre/);
    await page.getByRole('heading', { name: 'Livraisons attendues' }).waitFor();
    expect(await page.textContent('#who')).toBe('pharmacist · PH-CENTRE');
  }, 30_000);

  /** Receipt, dispensation and recall follow the same packs of DEMO-A: one test, its steps in their order. */
  it('walks the demo packs from the pharmacy desk to the auditor: receive, dispense, recall', async () => {
    await receiveByScanning();
    await dispenseByScanning();
    await recallAndSeeImpact();
  }, 90_000);

  async function receiveByScanning(): Promise<void> {
    await actor(/Pharmacie du Centre/);
    await page.getByRole('button', { name: 'Réceptionner' }).click();
    const field = page.getByLabel('Scan');
    // The second pack is scanned from its QR code: a GS1 Digital Link URI.
    const qr = packDigitalLink({
      gtin: DEMO_GTIN,
      expiryYymmdd: yymmddOf(DEMO_EXPIRES_ON, testClock().getUTCFullYear()),
      lot: 'DEMO-A',
      serial: 'SN0002',
    });
    for (const scan of [
      demoScan('DEMO-A', 'SN0001'),
      qr,
      demoScan('DEMO-A', 'SN0001'),
      demoScan('DEMO-A', 'SN0003').replace('|', ''),
    ]) {
      await field.fill(scan);
      await field.press('Enter');
    }
    // Live, once the server has read each scan: two packs of DEMO-A counted (the serial scanned twice counts
    // once), the run-on lot apart.
    await page.locator('#counts tr.reading').waitFor({ state: 'detached' });
    expect(await page.locator('#counts tr[data-lot="DEMO-A"] td').allTextContents()).toEqual(['DEMO-A', '3', '2']);
    await page.getByRole('button', { name: 'Valider la réception' }).click();
    await page.locator('#discrepancies li').first().waitFor();
    const kinds = await page
      .locator('#discrepancies li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(['duplicate_scan', 'missing_separator', 'missing']);
    expect((await page.locator('#discrepancies li').allTextContents()).join('\n')).toMatch(
      /Boîte scannée deux fois · DEMO-A n° SN0001/,
    );
    expect(await page.textContent('#message')).toMatch(/Réception enregistrée : DEMO-A × 2/);
    await page.screenshot({ path: join(ARTIFACTS, 'pharmacie-reception.png'), fullPage: true });
  }

  async function dispenseByScanning(): Promise<void> {
    await page.goto(`${base}/#/pharmacie`);
    await page.getByRole('heading', { name: 'Délivrance' }).waitFor();
    await page.fill('#rx', 'ORD-DEMO-0001');
    await page.fill('#dispense-scan', demoScan('DEMO-A', 'SN0001'));
    await page.press('#dispense-scan', 'Enter');
    await page.locator('#dispensed').getByText('Délivrance enregistrée').waitFor();
    await page.fill('#dispense-scan', demoScan('DEMO-A', 'SN0001'));
    await page.press('#dispense-scan', 'Enter');
    await page.locator('#message.error').waitFor();
    expect(await page.textContent('#message')).toMatch(/Cette boîte a déjà été délivrée/);
    await page.screenshot({ path: join(ARTIFACTS, 'pharmacie-delivrance.png'), fullPage: true });
  }

  it('shows the supplier its batches, registers one and lists the failures of its analysis', async () => {
    await actor(/Fournisseur/);
    await page.getByRole('heading', { name: 'Lots' }).waitFor();
    await page.locator('td', { hasText: 'DEMO-A' }).first().waitFor();
    await page.fill('#b-gtin', '03400930000014');
    await page.fill('#b-lot', 'DEMO-B');
    await page.fill('#b-qty', '50');
    await page.fill('#b-made', '2026-02-01');
    await page.fill('#b-exp', '2099-06-30');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('td', { hasText: 'DEMO-B' }).first().waitFor();
    await page.fill('#a-gtin', '03400930000014');
    await page.fill('#a-lot', 'DEMO-B');
    await page.fill('#a-thc', '25');
    await page.fill('#a-cbd', '1');
    await page.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
    await page.locator('#failures li').first().waitFor();
    const failures = (await page.locator('#failures li').allTextContents()).join('\n');
    expect(failures).toMatch(/thc : 25 \(limite 22, above_declared_tolerance\)/);
    expect(failures).toMatch(/lead : non mesuré/);
    expect(await page.textContent('#message')).toMatch(/Analyse non conforme/);
    await page.screenshot({ path: join(ARTIFACTS, 'fournisseur.png'), fullPage: true });
  }, 30_000);

  it('includes a patient as a prescriber and shows the pseudonym cannatrace issued', async () => {
    await actor(/Prescripteur/);
    await page.getByRole('heading', { name: 'Inclure un patient' }).waitFor();
    await page.selectOption('#indication', 'EPILEPSY');
    await page.getByRole('button', { name: 'Inclure le patient' }).click();
    await page.locator('#message.error').waitFor();
    expect(await page.textContent('#message')).toMatch(/Le consentement du patient est requis/);
    await page.check('#consent');
    await page.getByRole('button', { name: 'Inclure le patient' }).click();
    await page.locator('#pseudonym').waitFor();
    expect(await page.textContent('#pseudonym')).toMatch(/^CT-[0-9A-HJKMNP-TV-Z]{17}$/);
    expect(await page.textContent('#included')).toMatch(/attestation ATT-EPI-000001/);
    await page.screenshot({ path: join(ARTIFACTS, 'prescripteur.png'), fullPage: true });
  }, 30_000);

  async function recallAndSeeImpact(): Promise<void> {
    await actor(/ANSM/);
    await page.getByRole('heading', { name: 'Trouver un lot' }).waitFor();
    await page.fill('#lot', 'DEMO-A');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.locator('#timeline li').first().waitFor();
    expect(await page.textContent('#state')).toMatch(/Rappelé : non/);
    await page.locator('#graph canvas').first().waitFor();
    await page.getByRole('button', { name: 'Rappeler ce lot' }).click();
    await page.locator('#impact li').first().waitFor();
    const impact = (await page.locator('#impact li').allTextContents()).join('\n');
    expect(impact).toMatch(/PH-CENTRE détient encore 1 boîte/);
    expect(impact).toMatch(/Patient CT-[0-9A-HJKMNP-TV-Z]{17} à contacter/);
    // The follow-through, site by site, and the recall's events arriving live on the auditor's page.
    await page.locator('#recall-progress table').waitFor();
    expect(await page.textContent('#recall-progress h3')).toMatch(/Suivi du rappel \(en cours\)/);
    expect(await page.locator('#recall-progress tr', { hasText: 'PH-CENTRE' }).textContent()).toMatch(/^PH-CENTRE1non/);
    await page.locator('#live li', { hasText: 'BatchRecalled' }).waitFor();
    await page.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
    await page.locator('#verified').getByText('Intégrité vérifiée').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'auditeur.png'), fullPage: true });
  }
});
