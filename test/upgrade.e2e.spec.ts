import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { readFileSync } from 'node:fs';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { Dispense } from '../apps/api/src/dispensations/dispensation.commands.js';
import { GetPrescription } from '../apps/api/src/prescriptions/prescription.queries.js';
import { DispatchShipment, ReceiveShipment } from '../apps/api/src/shipments/shipment.commands.js';
import { GetShipment } from '../apps/api/src/shipments/shipment.queries.js';
import { GetMonthlyBalance, GetRegister } from '../apps/api/src/sites/register.queries.js';
import { legacyRegisterStream, registerBookStream } from '#domain';
import { verifyChains } from '#event-store';
import { type SqlClient } from '#sql';
import { at, refusal } from './dated-commands.js';
import { Api, BACKENDS } from './harness.js';

/**
 * The events of a demo circuit written by the code before the monthly books (one register stream per site, version
 * 1 dispensations): `cli seed`, a receipt by scans at PH-CENTRE, a dispensation of serial SN0001 on prescription
 * ORD-DEMO-0001 (2 packs, issued 2026-11-25), a shipment of 4 packs EXP-DEMO -> PH-CENTRE left in transit, a loss
 * at the exploitant. Stored rows, hashes included, exactly as that code wrote them.
 */
const LEGACY = readFileSync(new URL('./fixtures/legacy-single-register.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>);
const GTIN = '03400930000014';
const IN_TRANSIT = 'EXP-DEMO~2c1d44a3c04d';
const scan = (serial: string) => ({ gtin: GTIN, lot: 'DEMO-A', serial });

describe.each(BACKENDS)('upgrade from single-stream registers (%s)', (backend) => {
  let api: Api;
  let commands: CommandBus;
  let queries: QueryBus;
  const pharmacist = (instant: string) => at(instant, 'pharmacist', 'PH-CENTRE', '10000000002');

  // Each test starts from the legacy events alone, in a store of its own, and plays the later steps it needs.
  beforeEach(async () => {
    api = await Api.start(backend);
    const sql = api.app.get<SqlClient>(SQL_CLIENT);
    for (const row of LEGACY) {
      await sql.query(
        `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8)`,
        [
          row.stream_id,
          row.stream_revision,
          row.event_id,
          row.event_type,
          JSON.stringify(row.data),
          JSON.stringify(row.metadata),
          row.prev_hash,
          row.hash,
        ],
      );
    }
    commands = api.app.get(CommandBus);
    queries = api.app.get(QueryBus);
  }, 120_000);

  afterEach(async () => {
    await api.close();
  });

  /** PH-CENTRE receives the 4 packs left in transit, on December 2nd. */
  const receiveInTransit = () =>
    commands.execute(
      new ReceiveShipment(
        IN_TRANSIT,
        { kind: 'lines', lines: [{ gtin: GTIN, lot: 'DEMO-A', quantity: 4 }] },
        pharmacist('2026-12-02T09:00:00Z'),
      ),
    );
  /** The second and last pack of ORD-DEMO-0001, serial SN0002. */
  const dispenseSecondPack = () =>
    commands.execute(new Dispense('ORD-DEMO-0001', scan('SN0002'), 1, pharmacist('2026-12-02T10:05:00Z')));

  it('reads the old data as it was written: every chain holds', async () => {
    // The global order shows a commit once no older transaction is open (the projections read these events too).
    let report = await verifyChains(api.store);
    for (let wait = 0; report.checkedEvents < LEGACY.length && wait < 100; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      report = await verifyChains(api.store);
    }
    expect(report).toMatchObject({ ok: true, checkedEvents: LEGACY.length });
  });

  it('receives a shipment dispatched before the upgrade, in the first monthly book, opened from the legacy register', async () => {
    const received = await receiveInTransit();
    expect(received.stream).toBe(registerBookStream('PH-CENTRE', '2026-12'));
    const legacy = await api.store.readStream(legacyRegisterStream('PH-CENTRE'));
    expect(legacy.map((e) => e.type)).toEqual(['ShipmentReceived', 'PrescriptionDispensed', 'RegisterBookClosed']);
    expect(legacy[2].data).toEqual({ nextMonth: '2026-12', closing: [{ gtin: GTIN, lot: 'DEMO-A', quantity: 2 }] });
    const [opened] = await api.store.readStream(registerBookStream('PH-CENTRE', '2026-12'));
    expect(opened.data).toMatchObject({
      previousBook: legacyRegisterStream('PH-CENTRE'),
      carried: {
        stock: [{ gtin: GTIN, lot: 'DEMO-A', quantity: 2 }],
        fills: [{ prescriptionId: 'ORD-DEMO-0001', dispensed: 1, firstOn: '2026-11-25' }],
        // Read from a version 1 dispensation: the batch's expiry is unknown, so the serial is carried on.
        serials: [{ gtin: GTIN, lot: 'DEMO-A', expiresOn: null, serials: ['SN0001'] }],
      },
    });
    const view = await queries.execute(new GetShipment(IN_TRANSIT, { sub: 'ansm-user', role: 'ansm', org: 'ANSM' }));
    expect(view).toMatchObject({
      status: 'received',
      from: 'EXP-DEMO',
      to: 'PH-CENTRE',
      receipt: { accepted: [{ quantity: 4 }] },
    });
  });

  it('keeps the rules over the cut: the serial dispensed before, the packs left on the prescription', async () => {
    await receiveInTransit();
    expect(
      await refusal(
        commands.execute(new Dispense('ORD-DEMO-0001', scan('SN0001'), 1, pharmacist('2026-12-02T10:00:00Z'))),
      ),
    ).toBe('serial_already_dispensed');
    await dispenseSecondPack();
    expect(
      await refusal(
        commands.execute(new Dispense('ORD-DEMO-0001', scan('SN0003'), 1, pharmacist('2026-12-02T10:10:00Z'))),
      ),
    ).toBe('exceeds_prescription');
    const prescription = await queries.execute(
      new GetPrescription('ORD-DEMO-0001', { sub: 'ansm-user', role: 'ansm', org: 'ANSM' }),
    );
    expect(prescription.dispensations.map((d: { serial: string }) => d.serial)).toEqual(['SN0001', 'SN0002']);
  });

  it("ships from the exploitant's carried stock, and answers balances and the register over both layouts", async () => {
    await receiveInTransit();
    await dispenseSecondPack();
    const shipped = await commands.execute(
      new DispatchShipment(
        {
          to: 'PH-CENTRE',
          lines: [{ gtin: GTIN, lot: 'DEMO-A', quantity: 92 }],
          carrier: null,
          importAuthorisation: null,
        },
        at('2026-12-03T09:00:00Z', 'exploitant', 'EXP-DEMO'),
      ),
    );
    expect(shipped.shipmentId).toMatch(/^EXP-DEMO~2026-12~[0-9a-f]{12}$/);
    expect(
      await refusal(
        commands.execute(
          new DispatchShipment(
            {
              to: 'PH-CENTRE',
              lines: [{ gtin: GTIN, lot: 'DEMO-A', quantity: 1 }],
              carrier: null,
              importAuthorisation: null,
            },
            at('2026-12-03T10:00:00Z', 'exploitant', 'EXP-DEMO'),
          ),
        ),
      ),
    ).toBe('insufficient_stock');
    expect(await queries.execute(new GetMonthlyBalance('PH-CENTRE', '2026-12'))).toEqual([
      { gtin: GTIN, lot: 'DEMO-A', opening: 2, entries: 4, exits: 1, closing: 5 },
    ]);
    expect(await queries.execute(new GetMonthlyBalance('EXP-DEMO', '2026-11'))).toEqual([
      { gtin: GTIN, lot: 'DEMO-A', opening: 0, entries: 100, exits: 8, closing: 92 },
    ]);
    const register = await queries.execute(new GetRegister('PH-CENTRE'));
    expect(register.map((e: { movement: string; balance: number }) => [e.movement, e.balance])).toEqual([
      ['receipt', 3],
      ['dispensation', 2],
      ['receipt', 6],
      ['dispensation', 5],
    ]);
    expect((await verifyChains(api.store)).ok).toBe(true);
  });
});
