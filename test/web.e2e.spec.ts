import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../apps/api/src/create-app.js';
import { EventAlerts } from '../apps/api/src/processes/alerts/event-alerts.js';
import { DEMO_EXPIRES_ON, DEMO_GTIN, demoScan, seed } from '../apps/cli/src/commands/seed.js';
import { packDigitalLink, yymmddOf } from '#gs1';
import { hs256Secret, signToken } from '#auth';
import type { AppConfig } from '#config';
import { Projector } from '#read-models';
import { testClock } from './harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = 'test-artifacts';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI)
  process.stdout.write(`web interface tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium)\n`);
const describeWeb = available || process.env.CI ? describe : describe.skip;

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
/** A certificate of analysis that conforms to the demo flower's specification, typed with decimal commas. */
const CONFORMING: Record<string, string> = {
  thc: '20,1',
  cbd: '1',
  cbn: '0,4',
  lossOnDrying: '9',
  foreignMatter: '0,5',
  arsenic: '0,05',
  cadmium: '0,2',
  lead: '0,8',
  mercury: '0,02',
  aflatoxinB1: '0,5',
  aflatoxinsTotal: '1',
  tamc: '800',
  tymc: '90',
};
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describeWeb('web interface in a real browser (headless Chromium)', () => {
  let dataDir: string;
  let config: AppConfig;
  let app: INestApplication;
  let browser: Browser;
  let page: Page;
  let base: string;
  /** Each page checked: its screenshot and the serious or critical axe-core violations found on it. */
  const axeReport: { page: string; width: number; violations: string[] }[] = [];

  beforeAll(async () => {
    // The api serves the bundle `npm run build` makes: build it as `npm start` does.
    execFileSync(process.execPath, ['web/build.mjs'], { stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'cannatrace-web-'));
    config = {
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
        '--lang=fr-FR',
      ],
    });
    page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
    });
    // The browser lives on the api's day: dates the page proposes are the api's today.
    await page.clock.setFixedTime(testClock());
  }, 180_000);

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'axe.json'), JSON.stringify(axeReport, null, 2));
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A screenshot of the page, and no serious or critical accessibility violation on it (axe-core). */
  async function check(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.evaluate(AXE);
    const violations = (await page.evaluate(`axe.run().then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
    axeReport.push({ page: name, width: page.viewportSize()?.width ?? 0, violations });
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
  }

  /** The id of the element that has the focus. */
  const focused = () => page.evaluate('document.activeElement && document.activeElement.id');
  const message = () => page.locator('#message').textContent();
  const said = async (text: RegExp) => {
    await page.locator('#message', { hasText: text }).waitFor();
    return message();
  };

  /** Signed out, then signed in as a demo actor: the landing page of its role. */
  async function actor(label: RegExp): Promise<void> {
    await page.goto(`${base}/#/`);
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.getByRole('button', { name: label }).click();
    await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
  }
  const open = async (menu: string, heading: string | RegExp) => {
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: menu, exact: true }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };
  const demoToken = async (label: RegExp): Promise<string> => {
    const actors = (await (await fetch(`${base}/v1/demo/actors`)).json()) as { label: string; token: string }[];
    return actors.find((a) => label.test(a.label))?.token as string;
  };

  it('signs in: a bad token and an expired one explain themselves in French; the demo picker; a landing page per role', async () => {
    await page.goto(`${base}/#/`);
    await page.evaluate('localStorage.clear()');
    await page.reload();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await check('connexion');
    await page.getByLabel('Jeton d’accès').fill('pas-un-jeton');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    expect(await page.locator('#sign-in-problem').textContent()).toBe(
      'Ce texte n’est pas un jeton d’accès lisible : copiez-le en entier.',
    );
    const secret = hs256Secret(config.jwt) as string;
    const principal = { sub: '10000000002', role: 'pharmacist' as const, org: 'PH-CENTRE' };
    const twoDaysAgo = new Date(testClock().getTime() - 2 * 86_400_000);
    await page.getByLabel('Jeton d’accès').fill(signToken(secret, principal, 600, twoDaysAgo));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('#sign-in-problem', { hasText: 'Ce jeton a expiré le' }).waitFor();
    // Well formed but signed with another secret: the API refuses it, the page says why and stays on sign-in.
    await page.getByLabel('Jeton d’accès').fill(signToken('another secret entirely, 32 bytes+', principal, 600));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page
      .locator('#sign-in-problem', { hasText: 'Votre jeton n’est pas valable ou a expiré : reconnectez-vous.' })
      .waitFor();
    await check('connexion-refusee');
    // A pasted valid token signs in.
    await page.getByLabel('Jeton d’accès').fill(await demoToken(/Pharmacie du Centre/));
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Bienvenue' }).waitFor();
    expect(await page.textContent('#who')).toBe('Pharmacien · PH-CENTRE');
    expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents()).toEqual([
      'Livraisons',
      'Ordonnances',
      'Stock',
      'Registre',
      'Alertes',
    ]);
    await check('accueil-pharmacien');
    for (const [label, who, menu] of [
      [/Fournisseur/, 'Fournisseur · SUP-DEMO', ['Lots', 'Expéditions', 'Retours', 'Registre', 'Alertes']],
      [/Exploitant/, 'Exploitant · EXP-DEMO', ['Réceptions', 'Expéditions', 'Stock', 'Registre', 'Alertes']],
      [/Prescripteur/, 'Prescripteur · CHU-DEMO', ['Patients et ordonnances']],
      [/ANSM/, /^ANSM · /, ['Vue nationale', 'Lots', 'Alertes', 'Registres', 'Rapports']],
    ] as const) {
      await actor(label);
      expect(await page.textContent('#who')).toMatch(who);
      expect(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link').allTextContents()).toEqual(menu);
    }
    // Signing out returns to sign-in.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
  }, 90_000);

  it('pharmacist: receives by scanning (undo, refusal), dispenses by scanning, sees stock and the register in French', async () => {
    await actor(/Pharmacie du Centre/);
    await open('Livraisons', 'Livraisons à réceptionner');
    await page.getByRole('button', { name: /^Réceptionner / }).click();
    const field = page.locator('input.scan');
    expect(await focused()).toBe('scan');
    const qr = packDigitalLink({
      gtin: DEMO_GTIN,
      expiryYymmdd: yymmddOf(DEMO_EXPIRES_ON, testClock().getUTCFullYear()),
      lot: 'DEMO-A',
      serial: 'SN0002',
    });
    // Keyboard only: each code typed then Enter; the field keeps the focus.
    for (const scan of [demoScan('DEMO-A', 'SN0001'), qr, demoScan('DEMO-A', 'SN0001'), 'pas un code']) {
      await page.keyboard.type(scan);
      await page.keyboard.press('Enter');
    }
    await page.locator('#counts tr.reading').waitFor({ state: 'detached' });
    expect(await focused()).toBe('scan');
    expect(await page.locator('#counts tr[data-lot="DEMO-A"] td').allTextContents()).toEqual(['DEMO-A', '3', '2']);
    expect(await page.locator('#counts').textContent()).toMatch(/illisibles1/);
    expect(await page.locator('#counts').textContent()).toMatch(/scannées deux fois1/);
    // The unreadable scan undone; the third pack scanned, then refused as damaged.
    await page.getByRole('button', { name: 'Annuler le scan 4' }).click();
    expect(await page.locator('#counts').textContent()).not.toMatch(/illisibles/);
    await field.focus();
    await page.keyboard.type(demoScan('DEMO-A', 'SN0003'));
    await page.keyboard.press('Enter');
    await page.locator('#counts tr[data-lot="DEMO-A"].good').waitFor();
    await check('pharmacie-reception');
    await page.getByLabel(/Motif de refus/).fill('Boîte écrasée');
    await page.getByRole('button', { name: 'Refuser la boîte 5' }).click();
    expect(await page.locator('#counts tr[data-lot="DEMO-A"] td').allTextContents()).toEqual(['DEMO-A', '3', '2']);
    await page.getByRole('button', { name: 'Valider la réception' }).click();
    expect(await said(/Réception enregistrée/)).toMatch(/Réception enregistrée : DEMO-A × 2\. 2 écart\(s\)\./);
    const kinds = await page
      .locator('#discrepancies li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-kind')));
    expect(kinds).toEqual(['duplicate_scan', 'missing', 'refused']);
    const discrepancies = (await page.locator('#discrepancies').textContent()) ?? '';
    expect(discrepancies).toMatch(/Boîte scannée deux fois · DEMO-A n° SN0001/);
    expect(discrepancies).toMatch(/Manquant · DEMO-A \(expédié 3, reçu 2\)/);
    expect(discrepancies).toMatch(/Boîte refusée · DEMO-A n° SN0003 : Boîte écrasée/);
    // The delivery received leaves the list.
    await page.getByText('Aucune livraison en cours.').waitFor();
    await check('pharmacie-reception-faite');

    // The missing pack raises a receipt discrepancy the pharmacy sees among its own alerts, read-only.
    await app.get(EventAlerts).caughtUp();
    await app.get(Projector).caughtUp();
    await open('Alertes', 'Alertes du site');
    const alert = page.locator('#alerts tr[data-kind="receipt_discrepancy"]');
    await alert.waitFor();
    expect((await alert.locator('td').allTextContents()).slice(1, 6)).toEqual([
      'Écart à la réception',
      'Ouverte',
      'PH-CENTRE',
      expect.stringMatching(/^livraison EXP-DEMO~.+$/),
      'Réception d’une livraison de EXP-DEMO avec 1 écart(s) : Manquant · DEMO-A (expédié 3, reçu 2).',
    ]);
    expect(await page.locator('#alerts button').count()).toBe(0);
    await check('pharmacie-alertes');

    await open('Stock', 'Stock');
    await page.locator('#stock td', { hasText: 'Sommités fleuries THC 20 %' }).waitFor();
    expect(await page.locator('#stock tbody tr').first().locator('td').allTextContents()).toEqual([
      'Sommités fleuries THC 20 %',
      'DEMO-A',
      '2',
      '31/12/2031',
      'Disponible',
    ]);
    await check('pharmacie-stock');

    await open('Ordonnances', 'Ordonnances');
    await page.locator('#waiting').getByRole('cell', { name: 'ORD-DEMO-0001', exact: true }).waitFor();
    await page.getByLabel(/N° d’ordonnance sécurisée/).fill('ORD-INCONNUE');
    await page.keyboard.press('Enter');
    await page.locator('#prescription-problem', { hasText: 'Ordonnance inconnue : vérifiez son numéro.' }).waitFor();
    await page.getByLabel(/N° d’ordonnance sécurisée/).fill('ORD-DEMO-0001');
    await page.keyboard.press('Enter');
    await page.locator('#prescription').waitFor();
    const facts = (await page.locator('#prescription dl').textContent()) ?? '';
    expect(facts).toMatch(/Patient \(pseudonyme\)CT-[0-9A-HJKMNP-TV-Z]{17}/);
    expect(facts).toMatch(/IndicationDouleurs neuropathiques réfractaires/);
    expect(facts).toMatch(/ProduitSommités fleuries THC 20 %/);
    expect(await page.textContent('#remaining')).toBe('2');
    expect(await focused()).toBe('dispense-scan');
    await page.keyboard.type(demoScan('DEMO-A', 'SN0001'));
    await page.keyboard.press('Enter');
    expect(await said(/Boîte délivrée/)).toBe('Boîte délivrée.');
    await page.locator('#remaining', { hasText: '1' }).waitFor();
    expect(await focused()).toBe('dispense-scan');
    await page.keyboard.type(demoScan('DEMO-A', 'SN0001'));
    await page.keyboard.press('Enter');
    expect(await said(/déjà/)).toBe('Cette boîte a déjà été délivrée.');
    await check('pharmacie-ordonnances');

    await open('Registre', /Registre des stupéfiants/);
    await page.locator('#register tr[data-movement="dispensation"]').waitFor();
    const receipt = await page.locator('#register tr[data-movement="receipt"] td').allTextContents();
    expect(receipt.slice(1)).toEqual([
      'Réception',
      'Sommités fleuries THC 20 %',
      'DEMO-A',
      '+2',
      '2',
      expect.any(String),
      'EXP-DEMO',
      expect.stringMatching(/^EXP-DEMO~/),
    ]);
    expect(receipt[0]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(await page.locator('#register tr[data-movement="dispensation"] td').nth(1).textContent()).toBe('Délivrance');
    expect(await page.locator('#balance tbody td').allTextContents()).toEqual([
      'Sommités fleuries THC 20 %',
      'DEMO-A',
      '0',
      '2',
      '1',
      '1',
    ]);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    const csv = readFileSync((await (await download).path()) as string, 'utf8');
    expect(csv).toMatch(/"Mouvement"/);
    expect(csv).toMatch(/"Réception";"Sommités fleuries THC 20 %";"DEMO-A";"\+2"/);
    // A loss of more packs than held is refused in French, and nothing is written.
    await page.locator('#loss-batch').selectOption({ label: 'DEMO-A (1 boîtes)' });
    await page.locator('#loss-quantity').fill('5');
    await page.getByLabel('Référence de la déclaration à la police').fill('PV-2026-118');
    await page.getByLabel('Référence de la déclaration à l’ARS').fill('ARS-IDF-2026-0192');
    await page.getByLabel('Référence de la déclaration à l’ANSM').fill('ANSM-DECL-2026-0077');
    await page.getByRole('button', { name: 'Déclarer' }).click();
    expect(await said(/Stock/)).toBe('Stock insuffisant pour ce lot.');
    await check('pharmacie-registre');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'pharmacie-registre-impression.png'), fullPage: true });
    expect(await page.locator('header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    // Usable at 800 px.
    await page.setViewportSize({ width: 800, height: 900 });
    await check('pharmacie-registre-800');
    await open('Ordonnances', 'Ordonnances');
    await check('pharmacie-ordonnances-800');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 150_000);

  it('supplier: registers a batch, records analyses typed with decimal commas, sees failures in French, releases', async () => {
    await actor(/Fournisseur/);
    await open('Lots', 'Lots du fournisseur');
    await page.locator('#batches').getByRole('cell', { name: 'DEMO-A', exact: true }).waitFor();
    for (const lot of ['DEMO-B', 'DEMO-C']) {
      await page.getByLabel('GTIN du produit').fill(DEMO_GTIN);
      await page.getByLabel('Numéro de lot').fill(lot);
      await page.getByLabel('Nombre de boîtes').fill('50');
      await page.getByLabel('Fabriqué le').fill('2026-02-01');
      await page.getByLabel('Périme le').fill('2030-06-30');
      await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
      expect(await said(new RegExp(lot))).toBe(`Lot ${lot} enregistré.`);
      await page.locator('#batches').getByRole('cell', { name: lot, exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Enregistrer le lot' }).click();
    expect(await said(/déjà/)).toBe('Ce lot est déjà enregistré.');

    await page.getByRole('button', { name: 'Analyser ou libérer DEMO-B' }).click();
    await page.getByLabel('Laboratoire').fill('Laboratoire Central');
    await page.getByLabel(/Empreinte SHA-256/).fill(SHA);
    await page.getByLabel(/^THC \(%\)/).fill('25,5');
    await page.getByLabel(/^CBD \(%\)/).fill('1');
    await page.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
    expect(await said(/Analyse/)).toBe('Analyse non conforme.');
    const failures = (await page.locator('#failures').textContent()) ?? '';
    expect(failures).toMatch(/THC : 25,5 % \(au-dessus de la tolérance déclarée, limite 22 %\)/);
    expect(failures).toMatch(/Plomb : non mesuré \(limite 5 ppm\)/);
    await page.getByLabel(/Pharmacien responsable/).fill('Dr Ana Costa');
    await page.getByRole('button', { name: 'Libérer le lot' }).click();
    expect(await said(/libération|investigation/)).toMatch(
      /^(La dernière analyse n’est pas conforme|Une analyse hors)/,
    );
    await check('fournisseur-analyse-non-conforme');

    await page.getByRole('button', { name: 'Analyser ou libérer DEMO-C' }).click();
    await page.locator('#chosen h2', { hasText: 'DEMO-C' }).waitFor();
    await page.getByLabel('Laboratoire').fill('Laboratoire Central');
    await page.getByLabel(/Empreinte SHA-256/).fill(SHA);
    for (const [analyte, value] of Object.entries(CONFORMING)) await page.locator(`#a-${analyte}`).fill(value);
    await page.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
    expect(await said(/Analyse/)).toBe('Analyse conforme.');
    await page.getByLabel(/Pharmacien responsable/).fill('Dr Ana Costa');
    await page.getByRole('button', { name: 'Libérer le lot' }).click();
    expect(await said(/libéré/)).toBe('Lot DEMO-C libéré.');
    await page
      .locator('#batches tr', { hasText: 'DEMO-C' })
      .filter({ hasText: /ouiouinonnonAnalyser/ })
      .waitFor();
    await check('fournisseur-lots');
  }, 90_000);

  it('prescriber: includes a patient, prescribes (a refusal in French), cancels', async () => {
    await actor(/Prescripteur/);
    await open('Patients et ordonnances', 'Patients et ordonnances');
    await page.locator('#indication').selectOption('EPILEPSY');
    expect(await page.locator('#indication option:checked').textContent()).toMatch(/Épilepsies.* place\(s\) sur /);
    await page.getByRole('button', { name: 'Inclure le patient' }).click();
    expect(await said(/consentement/)).toBe('Le consentement du patient est requis pour l’inclure.');
    await page.getByLabel(/consentement/).check();
    await page.getByRole('button', { name: 'Inclure le patient' }).click();
    await page.locator('#pseudonym').waitFor();
    const pseudonym = (await page.textContent('#pseudonym')) as string;
    expect(pseudonym).toMatch(/^CT-[0-9A-HJKMNP-TV-Z]{17}$/);
    expect(await page.textContent('#included')).toMatch(/attestation ATT-EPI-000001/);
    await check('prescripteur-inclusion');

    await page.getByLabel('N° d’ordonnance sécurisée').fill('ORD-WEB-0001');
    await page.getByLabel('Pseudonyme du patient').fill(pseudonym);
    await page.locator('#p-indication').selectOption('EPILEPSY');
    await page.locator('#p-gtin').fill(DEMO_GTIN);
    await page.getByLabel('Dose quotidienne').fill('0,5');
    await page.getByLabel(/Durée/).fill('30');
    await page.locator('#p-qty').fill('2');
    await page.getByLabel(/Pharmacie/).fill('PH-GARE');
    await page.getByRole('button', { name: 'Prescrire', exact: true }).click();
    expect(await said(/durée/)).toBe('La durée du traitement doit être comprise entre 1 et 28 jours.');
    await page.getByLabel(/Durée/).fill('28');
    await page.getByRole('button', { name: 'Prescrire', exact: true }).click();
    expect(await said(/émise/)).toBe('Ordonnance ORD-WEB-0001 émise.');
    await page.locator('#prescriptions').getByRole('cell', { name: 'ORD-WEB-0001', exact: true }).waitFor();
    await page.getByLabel('Motif d’annulation').fill('Erreur de posologie');
    await page.getByRole('button', { name: 'Annuler ORD-WEB-0001' }).click();
    expect(await said(/annulée/)).toBe('Ordonnance ORD-WEB-0001 annulée.');
    await page
      .locator('#prescriptions tr', { hasText: 'ORD-WEB-0001' })
      .locator('td', { hasText: 'Annulée' })
      .waitFor();
    await check('prescripteur-ordonnances');
  }, 90_000);

  it('exploitant: receipts, shipments to pharmacies (a refusal in French), stock and register', async () => {
    await actor(/Exploitant/);
    await open('Réceptions', 'Livraisons à réceptionner');
    await check('exploitant-receptions');
    await open('Expéditions', 'Expéditions');
    await page.locator('#s-batch option', { hasText: 'DEMO-A' }).waitFor({ state: 'attached' });
    await page.getByLabel('Destinataire (identifiant)').fill('PH-GARE');
    await page.locator('#s-batch').selectOption({ index: 1 });
    await page.locator('#s-qty').fill('100000');
    await page.getByRole('button', { name: 'Expédier', exact: true }).click();
    expect(await said(/Stock/)).toBe('Stock insuffisant pour ce lot.');
    await page.locator('#s-qty').fill('1');
    await page.getByRole('button', { name: 'Expédier', exact: true }).click();
    expect(await said(/expédiée/)).toMatch(/^Livraison EXP-DEMO~.+ expédiée\.$/);
    await page.locator('#outgoing td', { hasText: 'PH-GARE' }).waitFor();
    await check('exploitant-expeditions');
    await open('Stock', 'Stock');
    await page.locator('#stock td', { hasText: 'DEMO-A' }).waitFor();
    await check('exploitant-stock');
    await open('Registre', /Registre des stupéfiants/);
    await page.locator('#register tr[data-movement="dispatch"]').first().waitFor();
    await check('exploitant-registre');
  }, 90_000);

  it('ANSM: national view, a batch found by search, its journey and timeline as of a date, hold, lift, recall, EPCIS, alerts, registers', async () => {
    // A batch of its own, released, so that this test depends on no other.
    const supplier = { authorization: `Bearer ${await demoToken(/Fournisseur/)}`, 'content-type': 'application/json' };
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers: supplier, body: JSON.stringify(body) });
    await post('/v1/batches', {
      gtin: DEMO_GTIN,
      lot: 'DEMO-R',
      quantity: 10,
      manufacturedOn: '2026-02-01',
      expiresOn: '2030-01-31',
    });
    const results = Object.fromEntries(Object.entries(CONFORMING).map(([k, v]) => [k, Number(v.replace(',', '.'))]));
    await post(`/v1/batches/${DEMO_GTIN}/DEMO-R/analyses`, {
      laboratory: 'Lab',
      sampledOn: '2026-02-02',
      certificateSha256: SHA,
      results,
    });
    expect((await post(`/v1/batches/${DEMO_GTIN}/DEMO-R/release`, { qualifiedPerson: 'Dr Ana Costa' })).status).toBe(
      201,
    );
    // An out-of-specification analysis raises an alert.
    await post('/v1/batches', {
      gtin: DEMO_GTIN,
      lot: 'DEMO-X',
      quantity: 10,
      manufacturedOn: '2026-02-01',
      expiresOn: '2030-01-31',
    });
    await post(`/v1/batches/${DEMO_GTIN}/DEMO-X/analyses`, {
      laboratory: 'Lab',
      sampledOn: '2026-02-02',
      certificateSha256: SHA,
      results: { ...results, lead: 7.5 },
    });
    await app.get(EventAlerts).caughtUp();
    await app.get(Projector).caughtUp();

    await actor(/ANSM/);
    await open('Vue nationale', 'Vue nationale');
    await page.locator('#indications td', { hasText: 'Douleurs neuropathiques réfractaires' }).waitFor();
    await check('ansm-national');

    await open('Lots', 'Lots');
    await page.getByLabel(/Rechercher un lot/).fill('demo-a');
    await page.getByRole('button', { name: 'Examiner DEMO-A' }).click();
    await page.locator('#journey li').first().waitFor();
    const journey = await page.locator('#journey li').allTextContents();
    expect(journey[0]).toMatch(/^SUP-DEMO → EXP-DEMO : 100 boîte\(s\) expédiée\(s\) le \d{2}\/\d{2}\/\d{4} /);
    expect(journey).toContainEqual(expect.stringMatching(/^EXP-DEMO → PH-CENTRE : 3 boîte\(s\) expédiée\(s\)/));
    // As of the day before the batch existed: nothing, in the state, the journey and the timeline alike.
    await page.getByLabel(/État au/).fill('2026-01-01T12:00');
    await page.locator('#state', { hasText: 'Lot inexistant à cette date.' }).waitFor();
    expect(await page.locator('#journey li').count()).toBe(0);
    expect(await page.locator('#timeline li').count()).toBe(0);
    await page.getByLabel(/État au/).fill('');

    await page.getByLabel(/Rechercher un lot/).fill('DEMO-R');
    expect(await page.locator('#batches tbody tr').count()).toBe(1);
    await page.getByRole('button', { name: 'Examiner DEMO-R' }).click();
    await page.locator('#batch h2', { hasText: 'DEMO-R' }).waitFor();
    const timeline = await page.locator('#timeline li').allTextContents();
    expect(timeline.map((t) => t.split(' · ')[1])).toEqual([
      'Lot enregistré',
      'Analyse enregistrée',
      'Lot libéré',
      'Entrée en stock',
    ]);
    // Recorded at the api's clock (UTC), shown in Paris time: one hour later in November.
    const recorded = testClock();
    expect(timeline[0]).toMatch(/^\d{2}\/11\/2026 \d{2}:\d{2}:\d{2} · Lot enregistré · SUP-DEMO$/);
    expect(Number(timeline[0]?.slice(11, 13))).toBe((recorded.getUTCHours() + 1) % 24);
    expect(await page.textContent('#state')).toBe('Libéré : oui · Consigné : non · Rappelé : non');
    // Its mass balance: the 10 packs released are on hand at the supplier, every site agrees.
    await page.locator('#balance-equation').waitFor();
    expect(await page.textContent('#balance h3')).toBe('Bilan matière (équilibré)');
    expect(await page.textContent('#balance-equation')).toBe(
      '10 boîte(s) libérée(s) = 0 + 10 + 0 + 0 + 0 + 0 + 0 − 0 ; écart : 0.',
    );
    expect(await page.locator('#balance-terms').textContent()).toMatch(/En stock dans les sites10/);
    expect(await page.locator('#balance-sites tr[data-site="SUP-DEMO"] td').allTextContents()).toEqual([
      'SUP-DEMO',
      '10',
      '0',
      '0',
      '0',
      '0',
      '0',
      '10',
      '—',
      'oui',
    ]);
    expect(await page.textContent('#balance-agree')).toBe('Tous les sites concordent.');
    await check('ansm-lot');

    await page.getByRole('button', { name: 'Consigner ce lot' }).click();
    expect(await said(/motif/)).toBe('Saisissez le motif de la décision.');
    await page.getByLabel('Motif de la décision').fill('Signalement de pharmacovigilance');
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Consigner ce lot' }).click();
    expect(await page.textContent('#state')).toMatch(/Consigné : non/);
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toMatch(/Consigner le lot DEMO-R \?\nMotif : Signalement de pharmacovigilance/);
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Consigner ce lot' }).click();
    expect(await said(/consigné/)).toBe('Lot consigné.');
    await page.locator('#state', { hasText: 'Consigné : oui' }).waitFor();
    await page.getByLabel('Motif de la décision').fill('Analyse complémentaire conforme');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Lever la consignation' }).click();
    await page.locator('#state', { hasText: 'Consigné : non' }).waitFor();
    await page.getByLabel('Motif de la décision').fill('Contamination microbienne confirmée');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Rappeler ce lot' }).click();
    expect(await said(/Rappel/)).toBe('Rappel enregistré.');
    await page.locator('#state', { hasText: 'Rappelé : oui' }).waitFor();
    await page.locator('#recall-progress caption', { hasText: 'Contamination microbienne confirmée' }).waitFor();
    expect(await page.textContent('#recall-progress h3')).toBe('Suivi du rappel (en cours)');
    expect(await page.locator('#timeline li').allTextContents()).toContainEqual(
      expect.stringMatching(/ · Lot rappelé · ANSM$/),
    );
    const epcis = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’historique EPCIS' }).click();
    const document = JSON.parse(readFileSync((await (await epcis).path()) as string, 'utf8')) as { type: string };
    expect(document.type).toBe('EPCISDocument');
    await check('ansm-lot-rappele');

    await open('Alertes', 'Alertes');
    const alert = page.locator('#alerts tr', { hasText: 'DEMO-X' });
    await alert.waitFor();
    // Filtered by kind: the other kinds leave the list (the pharmacy's receipt discrepancy among them).
    await page.locator('#alert-kind').selectOption('out_of_specification');
    await page
      .locator('#alerts tbody tr:not([data-kind="out_of_specification"])')
      .first()
      .waitFor({ state: 'detached' });
    await alert.waitFor();
    const cells = await alert.locator('td').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['Analyse hors spécification', 'Ouverte', 'SUP-DEMO']);
    expect(cells[5]).toMatch(
      /^Analyse du prélèvement du 02\/02\/2026 enregistrée par SUP-DEMO : Plomb : 7,5 ppm \(au-dessus de la limite, limite 5 ppm\)\.$/,
    );
    await check('ansm-alertes');
    // Acknowledged with a note, confirmed: the new state at once, the note among what followed.
    await alert.getByRole('button', { name: 'Traiter l’alerte DEMO-X' }).click();
    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    expect(await said(/note/)).toBe('Saisissez une note : elle est obligatoire.');
    await page.getByLabel('Note (obligatoire)').fill('Lot bloqué chez le fournisseur, contre-analyse demandée');
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toMatch(
        /^Prendre en compte cette alerte \?\nAnalyse hors spécification · lot DEMO-X · SUP-DEMO\nNote : Lot bloqué/,
      );
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    expect(await said(/Alerte/)).toBe('Alerte prise en compte.');
    expect(await alert.locator('td.alert-state').textContent()).toBe('Prise en compte');
    expect(await page.textContent('#alert-decision-state')).toBe('État : Prise en compte');
    await alert.locator('td', { hasText: 'contre-analyse demandée' }).waitFor();
    const ansm = { authorization: `Bearer ${await demoToken(/ANSM/)}` };
    const acknowledged = (await (
      await fetch(`${base}/v1/audit/alerts?state=acknowledged&kind=out_of_specification`, { headers: ansm })
    ).json()) as { lot: string; acknowledgement: { note: string } }[];
    expect(acknowledged.map((a) => [a.lot, a.acknowledgement.note])).toEqual([
      ['DEMO-X', 'Lot bloqué chez le fournisseur, contre-analyse demandée'],
    ]);
    // The open ones only: DEMO-X leaves the list.
    await page.locator('#alert-state').selectOption('open');
    await alert.waitFor({ state: 'detached' });
    await check('ansm-alertes-prise-en-compte');
    // The thresholds, set by ANSM.
    await page.getByLabel('Livraison non réceptionnée après (jours)').fill('10');
    await page.getByRole('button', { name: 'Enregistrer les seuils' }).click();
    expect(await said(/Seuils/)).toBe('Seuils d’alerte enregistrés.');
    await page.locator('#alert-settings h2', { hasText: 'fixés par l’ANSM' }).waitFor();
    const settings = (await (await fetch(`${base}/v1/audit/alert-settings`, { headers: ansm })).json()) as object;
    expect(settings).toEqual({
      transitDays: 10,
      lossPacks: 5,
      expiryWindowDays: 30,
      recallAcknowledgementDays: 2,
      setByAnsm: true,
    });

    await open('Registres', 'Registres et intégrité');
    await page.getByRole('button', { name: 'Vérifier l’intégrité' }).click();
    await page.locator('#verified', { hasText: 'Intégrité vérifiée' }).waitFor();
    await page.getByLabel('Identifiant du site').fill('EXP-DEMO');
    await page.getByRole('button', { name: 'Afficher le registre' }).click();
    await page.locator('#register tr[data-movement="receipt"]').first().waitFor();
    expect(await page.locator('form', { hasText: 'Inventaire' }).count()).toBe(0);
    await check('ansm-registres');

    await open('Rapports', 'Rapports');
    await page.locator('#report-rows td', { hasText: 'Douleurs neuropathiques réfractaires' }).first().waitFor();
    expect(await page.locator('#report-rows thead th').allTextContents()).toEqual([
      'Mois',
      'Indication',
      'Plafond',
      'Inclus',
      'En traitement',
      'Arrêtés',
      'Inclus dans le mois',
      'Arrêtés dans le mois',
    ]);
    await check('ansm-rapports');
    await page.locator('#report').selectOption('dispensations');
    // Rows when a pharmacy has dispensed this year (the pharmacist's test), none otherwise.
    await page
      .locator('#report-rows caption', { hasText: 'Délivrances par région et produit' })
      .or(page.getByText('Aucune ligne sur cette période.'))
      .waitFor();
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger en CSV' }).click();
    const lines = readFileSync((await (await csv).path()) as string, 'utf8').split('\r\n');
    expect(lines[0]).toBe('month,region,regionName,gtin,productName,dispensations,packs,patients');
    // A period that ends before it starts is refused, in French.
    await page.getByLabel(/Du mois/).fill('2026-10');
    await page.getByLabel(/Au mois/).fill('2026-09');
    expect(await page.locator('.problem').textContent()).toBe(
      'La période demandée n’est pas valable (mois de début après le mois de fin, ou plus de 120 mois).',
    );
  }, 150_000);
});
