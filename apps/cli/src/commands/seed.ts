import { createApp } from '../../../api/src/create-app.js';
import { DEMO_ACTORS } from '../../../api/src/security/demo.controller.js';
import { hs256Secret, signToken } from '#auth';
import type { AppConfig } from '#config';
import { parisDate } from '#domain';
import { DataDirLock } from '#sql';
import { yymmddOf } from '#gs1';

export const DEMO_GTIN = '03400930000014';

/**
 * The demo batch's expiry. A pack code carries it as YYMMDD, which GS1 reads within 49 years back and 50 ahead of
 * the current year: the date must stay in that window for the code to say the batch's expiry.
 */
export const DEMO_EXPIRES_ON = '2031-12-31';

const demoExpiryCode = yymmddOf(DEMO_EXPIRES_ON, new Date().getUTCFullYear());

/** The DataMatrix content of a demo pack; `|` stands for the GS separator a hand cannot type. */
export const demoScan = (lot: string, serial: string) =>
  `]d201${DEMO_GTIN}17${demoExpiryCode}` + `10${lot}|21${serial}`;

/**
 * The demo circuit, through the api's own endpoints so that every rule applies: organisations and professionals,
 * a released batch delivered to the exploitant, a delivery to the Pharmacie du Centre waiting to be scanned, an
 * included patient and a prescription. Answers what a person needs to try it, on every run.
 *
 * On the embedded default, when an api holds the data directory, the seed goes through that api (a second
 * process cannot open the directory); otherwise it starts the api in this process for the time of the seed.
 */
export async function seed(config: AppConfig): Promise<string[]> {
  const secret = hs256Secret(config.jwt);
  if (secret === undefined) throw new Error('the seed signs its tokens with JWT_SECRET, which is not set');
  const running =
    config.database.kind === 'pglite' && config.database.dataDir
      ? DataDirLock.holderOf(config.database.dataDir)
      : undefined;
  if (running?.url) {
    const lines = await seedThrough(running.url, secret, parisDate(new Date()));
    return [
      `(through the api running as pid ${running.pid} at ${running.url})`,
      ...lines,
      ...demoHint(running.url, true),
    ];
  }
  const app = await createApp({ ...config, port: 0, host: '127.0.0.1' }, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return [
      ...(await seedThrough(`http://127.0.0.1:${port}`, secret, parisDate((config.clock ?? (() => new Date()))()))),
      ...demoHint(`http://127.0.0.1:${config.port}`, false),
    ];
  } finally {
    await app.close();
  }
}

function demoHint(url: string, running: boolean): string[] {
  return [
    running
      ? `demo sign-in: ${url}/ offers the demo actors when that api runs with DEMO=on (restart it so if not)`
      : `start it with the demo sign-in: DEMO=on npm start, then open ${url}/`,
  ];
}

/** `today`: the day the demo's inclusion and prescription are dated, that of the api's clock. */
async function seedThrough(base: string, secret: string, today: string): Promise<string[]> {
  const as = (label: string) => {
    const actor = DEMO_ACTORS.find((a) => a.org === label || a.role === label);
    if (!actor) throw new Error(`no demo actor ${label}`);
    return `Bearer ${signToken(secret, { sub: actor.sub, role: actor.role, org: actor.org }, 600)}`;
  };
  const ansm = `Bearer ${signToken(secret, { sub: 'seed', role: 'ansm', org: 'ANSM' }, 600)}`;
  const post = async (path: string, auth: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (
      response.status !== 201 &&
      !(
        response.status === 409 &&
        ['organisation_exists', 'professional_exists', 'product_exists', 'lot_exists'].includes(String(json.rule))
      )
    ) {
      throw new Error(`${path}: ${response.status} ${String(json.detail)}`);
    }
    return json;
  };
  for (const [id, kind, name, country, region] of [
    ['SUP-DEMO', 'supplier', 'Cultures Médicales du Portugal', 'PT', undefined],
    ['EXP-DEMO', 'exploitant', 'Exploitant Démo', 'FR', '11'],
    ['PH-CENTRE', 'community_pharmacy', 'Pharmacie du Centre', 'FR', '11'],
    ['PH-GARE', 'community_pharmacy', 'Pharmacie de la Gare', 'FR', '84'],
    ['CHU-DEMO', 'reference_centre', 'CHU Démo (centre de référence)', 'FR', '84'],
  ]) {
    await post('/v1/organisations', ansm, { id, kind, name, country, region });
  }
  const trained = '2026-01-05';
  for (const [rpps, kind, name, organisationId] of [
    ['10000000001', 'prescriber', 'Dr Claire Martin', 'CHU-DEMO'],
    ['10000000002', 'pharmacist', 'Sophie Bernard', 'PH-CENTRE'],
    ['10000000003', 'pharmacist', 'Louis Petit (témoin)', 'PH-CENTRE'],
    ['10000000004', 'pharmacist', 'Nadia Haddad', 'PH-GARE'],
  ]) {
    await post('/v1/professionals', ansm, { rpps, kind, name, organisationId, trainedOn: trained });
  }
  await post('/v1/products', ansm, {
    gtin: DEMO_GTIN,
    name: 'Sommités fleuries THC 20 %',
    supplierId: 'SUP-DEMO',
    exploitantId: 'EXP-DEMO',
    form: 'dried_flower',
    ratio: 'THC_DOMINANT',
    declared: { thc: 20, cbd: 1 },
    contentUnit: 'percent',
  });
  const supplier = as('SUP-DEMO');
  const created = await post('/v1/batches', supplier, {
    gtin: DEMO_GTIN,
    lot: 'DEMO-A',
    quantity: 200,
    manufacturedOn: '2026-01-10',
    expiresOn: DEMO_EXPIRES_ON,
  });
  const lines: string[] = [];
  if (created.rule !== 'lot_exists') {
    await post(`/v1/batches/${DEMO_GTIN}/DEMO-A/analyses`, supplier, {
      laboratory: 'Laboratoire Central',
      sampledOn: '2026-01-12',
      certificateSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      results: {
        thc: 20.1,
        cbd: 1,
        cbn: 0.4,
        lossOnDrying: 9,
        foreignMatter: 0.5,
        arsenic: 0.05,
        cadmium: 0.2,
        lead: 0.8,
        mercury: 0.02,
        aflatoxinB1: 0.5,
        aflatoxinsTotal: 1,
        tamc: 800,
        tymc: 90,
      },
    });
    await post(`/v1/batches/${DEMO_GTIN}/DEMO-A/release`, supplier, { qualifiedPerson: 'Dr Ana Costa' });
    const line = (quantity: number) => [{ gtin: DEMO_GTIN, lot: 'DEMO-A', quantity }];
    const toExploitant = await post('/v1/shipments', supplier, {
      to: 'EXP-DEMO',
      lines: line(100),
      carrier: 'Transports Sécurisés',
    });
    await post(`/v1/shipments/${String(toExploitant.shipmentId)}/receipt`, as('EXP-DEMO'), { lines: line(100) });
    const toPharmacy = await post('/v1/shipments', as('EXP-DEMO'), {
      to: 'PH-CENTRE',
      lines: line(3),
      carrier: 'Transports Sécurisés',
    });
    const { patientId } = await post('/v1/patients', as('prescriber'), {
      indication: 'NEUROPATHIC_PAIN',
      includedOn: today,
      consent: true,
    });
    await post('/v1/prescriptions', as('prescriber'), {
      securePrescriptionNumber: 'ORD-DEMO-0001',
      patientId,
      indication: 'NEUROPATHIC_PAIN',
      gtin: DEMO_GTIN,
      dailyDose: 0.5,
      durationDays: 28,
      quantity: 2,
      pharmacyId: 'PH-CENTRE',
      issuedOn: today,
    });
    lines.push(`patient ${String(patientId)} included (pseudonym issued by cannatrace)`);
    lines.push(`delivery ${String(toPharmacy.shipmentId)} to PH-CENTRE, 3 packs of DEMO-A; scan them:`);
  } else {
    const delivery = await demoDelivery(base, as('PH-CENTRE'));
    lines.push('the demo data was already there');
    lines.push(
      delivery
        ? `delivery ${delivery.shipmentId} to PH-CENTRE, 3 packs of DEMO-A (${delivery.status === 'received' ? 'already received' : 'waiting'}); its packs:`
        : 'the delivery to PH-CENTRE holds 3 packs of DEMO-A; its packs:',
    );
  }
  for (const serial of ['SN0001', 'SN0002', 'SN0003']) lines.push(`  ${demoScan('DEMO-A', serial)}`);
  lines.push('prescription ORD-DEMO-0001 at PH-CENTRE, 2 packs');
  return lines;
}

/** The seeded delivery to the Pharmacie du Centre, from its list of incoming shipments (a read model). */
async function demoDelivery(
  base: string,
  pharmacist: string,
): Promise<{ shipmentId: string; status: string } | undefined> {
  const deadline = Date.now() + 5000;
  do {
    const response = await fetch(`${base}/v1/sites/PH-CENTRE/shipments?direction=incoming`, {
      headers: { authorization: pharmacist },
    });
    if (response.ok) {
      const list = (await response.json()) as {
        shipmentId: string;
        status: string;
        from: string;
        lines: { lot: string }[];
      }[];
      const found = list.filter((s) => s.from === 'EXP-DEMO' && s.lines.some((l) => l.lot === 'DEMO-A')).at(-1);
      if (found) return found;
    }
    // A freshly started api may still be projecting the events into its read models.
    await new Promise((resolve) => setTimeout(resolve, 100));
  } while (Date.now() < deadline);
  return undefined;
}
