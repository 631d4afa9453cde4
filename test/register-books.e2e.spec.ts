import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { RecallBatch, RecordAnalysis, RegisterBatch, ReleaseBatch } from '../apps/api/src/batches/batch.commands.js';
import { GetRecallImpact } from '../apps/api/src/batches/recall-impact.query.js';
import { AuthoriseProduct } from '../apps/api/src/catalogue/product.commands.js';
import { Dispense } from '../apps/api/src/dispensations/dispensation.commands.js';
import { IncludePatient } from '../apps/api/src/patients/patient.commands.js';
import { IssuePrescription } from '../apps/api/src/prescriptions/prescription.commands.js';
import { GetPrescription } from '../apps/api/src/prescriptions/prescription.queries.js';
import { RegisterOrganisation, RegisterProfessional } from '../apps/api/src/registry/registry.commands.js';
import { DispatchShipment, ReceiveShipment } from '../apps/api/src/shipments/shipment.commands.js';
import { CountInventory } from '../apps/api/src/sites/register.commands.js';
import { GetMonthlyBalance, GetRegister } from '../apps/api/src/sites/register.queries.js';
import { registerBookStream, type Indication, type ProfessionalKind } from '#domain';
import { analysis, batch, flowerProduct, GTIN } from './catalogue.fixtures.js';
import { at, refusal } from './dated-commands.js';
import { Api, BACKENDS } from './harness.js';

/**
 * The register across the turn of a month, driven through the command and query buses with the instants of the
 * commands given, so that the test does not depend on the day it runs.
 */
describe.each(BACKENDS)('register books across months (%s)', (backend) => {
  let api: Api;
  let commands: CommandBus;
  let queries: QueryBus;
  const line = (quantity: number) => ({ gtin: GTIN, lot: 'L1', quantity });
  const pack = (serial: string) => ({ gtin: GTIN, lot: 'L1', serial });
  let toPharmacy: string;
  let patientId: string;

  // Each test starts, in a store of its own, from the circuit below: 5 packs on their way to PH-1 since November
  // 10th and a prescription of 3 packs issued on November 25th; it plays the later steps it needs.
  beforeEach(async () => {
    api = await Api.start(backend);
    commands = api.app.get(CommandBus);
    queries = api.app.get(QueryBus);
    const ansm = (instant: string) => at(instant, 'ansm', 'ANSM');
    for (const [id, kind, country] of [
      ['SUP-1', 'supplier', 'PT'],
      ['EXP-1', 'exploitant', 'FR'],
      ['PH-1', 'community_pharmacy', 'FR'],
      ['CHU-1', 'reference_centre', 'FR'],
    ]) {
      await commands.execute(
        new RegisterOrganisation({ id, kind, name: id, country } as never, ansm('2026-10-01T09:00:00Z')),
      );
    }
    for (const [rpps, kind, organisationId] of [
      ['10000000001', 'prescriber', 'CHU-1'],
      ['10000000002', 'pharmacist', 'PH-1'],
    ]) {
      await commands.execute(
        new RegisterProfessional(
          { rpps, kind: kind as ProfessionalKind, name: rpps, organisationId, trainedOn: '2026-01-05' },
          ansm('2026-10-01T09:00:00Z'),
        ),
      );
    }
    await commands.execute(new AuthoriseProduct(flowerProduct(GTIN, 'SUP-1') as never, ansm('2026-10-01T09:00:00Z')));
    const supplier = (instant: string) => at(instant, 'supplier', 'SUP-1');
    await commands.execute(new RegisterBatch({ ...batch('L1'), quantity: 20 }, supplier('2026-10-05T09:00:00Z')));
    await commands.execute(new RecordAnalysis(GTIN, 'L1', analysis() as never, supplier('2026-10-05T10:00:00Z')));
    await commands.execute(new ReleaseBatch(GTIN, 'L1', { qualifiedPerson: 'QP' }, supplier('2026-10-06T09:00:00Z')));
    const toExploitant = await commands.execute(
      new DispatchShipment(
        { to: 'EXP-1', lines: [line(12)], carrier: null, importAuthorisation: null },
        supplier('2026-10-07T09:00:00Z'),
      ),
    );
    await commands.execute(
      new ReceiveShipment(
        toExploitant.shipmentId,
        { kind: 'lines', lines: [line(12)] },
        at('2026-10-08T09:00:00Z', 'exploitant', 'EXP-1'),
      ),
    );
    // The exploitant's November book opens from October's.
    const shipped = await commands.execute(
      new DispatchShipment(
        { to: 'PH-1', lines: [line(5)], carrier: null, importAuthorisation: null },
        at('2026-11-10T09:00:00Z', 'exploitant', 'EXP-1'),
      ),
    );
    toPharmacy = shipped.shipmentId;
    const included = await commands.execute(
      new IncludePatient(
        { indication: 'EPILEPSY' as Indication, includedOn: '2026-11-20', consent: true },
        at('2026-11-20T09:00:00Z', 'prescriber', 'CHU-1', '10000000001'),
      ),
    );
    patientId = included.patientId;
    await commands.execute(
      new IssuePrescription(
        {
          securePrescriptionNumber: 'RX-BOOKS-1',
          patientId,
          indication: 'EPILEPSY' as Indication,
          gtin: GTIN,
          dailyDose: 0.5,
          durationDays: 28,
          quantity: 3,
          pharmacyId: 'PH-1',
          issuedOn: '2026-11-25',
          renewalOf: null,
        },
        at('2026-11-25T09:00:00Z', 'prescriber', 'CHU-1', '10000000001'),
      ),
    );
  }, 120_000);

  afterEach(async () => {
    await api.close();
  });

  const pharmacist = (instant: string) => at(instant, 'pharmacist', 'PH-1', '10000000002');

  /** PH-1 receives the 5 packs on November 26th and dispenses serial S1 that evening. */
  async function receiveAndDispenseInNovember() {
    const received = await commands.execute(
      new ReceiveShipment(toPharmacy, { kind: 'lines', lines: [line(5)] }, pharmacist('2026-11-26T09:00:00Z')),
    );
    const first = await commands.execute(new Dispense('RX-BOOKS-1', pack('S1'), 1, pharmacist('2026-11-26T18:00:00Z')));
    return { received, first };
  }
  /** Then S2 in the first half hour of December in Paris and S3 on December 1st: the prescription's 3 packs. */
  async function dispenseInDecember(): Promise<void> {
    await commands.execute(new Dispense('RX-BOOKS-1', pack('S2'), 1, pharmacist('2026-11-30T23:30:00Z')));
    await commands.execute(new Dispense('RX-BOOKS-1', pack('S3'), 1, pharmacist('2026-12-01T10:00:00Z')));
  }
  /** PH-1 counts 1 pack on December 3rd, where its register says 2. */
  const countInDecember = () =>
    commands.execute(new CountInventory('PH-1', '2026-12-03', [line(1)], pharmacist('2026-12-03T09:00:00Z')));

  it("writes each month in its own book, the exploitant's dispatch in November and the receipt in the pharmacy's", async () => {
    expect(toPharmacy).toMatch(/^EXP-1~2026-11~[0-9a-f]{12}$/);
    const { received, first } = await receiveAndDispenseInNovember();
    expect(received.stream).toBe(registerBookStream('PH-1', '2026-11'));
    expect(first.stream).toBe(registerBookStream('PH-1', '2026-11'));
    const october = await api.store.readStream(registerBookStream('EXP-1', '2026-10'));
    expect(october.map((e) => e.type)).toEqual(['RegisterBookOpened', 'ShipmentReceived', 'RegisterBookClosed']);
    expect((await api.store.readStream(registerBookStream('EXP-1', '2026-11')))[0].data).toMatchObject({
      month: '2026-11',
      carried: { stock: [line(12)] },
    });
  });

  it('dispenses on the first day of a month from stock received the month before, fills and serials carried over', async () => {
    await receiveAndDispenseInNovember();
    // Midnight in Paris on December 1st is 23:00 UTC on November 30th.
    const morning = pharmacist('2026-11-30T23:30:00Z');
    const second = await commands.execute(new Dispense('RX-BOOKS-1', pack('S2'), 1, morning));
    expect(second.stream).toBe(registerBookStream('PH-1', '2026-12'));
    const december = await api.store.readStream(registerBookStream('PH-1', '2026-12'));
    expect(december[0]).toMatchObject({
      type: 'RegisterBookOpened',
      data: { month: '2026-12', previousBook: registerBookStream('PH-1', '2026-11') },
    });
    expect(
      await refusal(commands.execute(new Dispense('RX-BOOKS-1', pack('S1'), 1, pharmacist('2026-12-01T09:00:00Z')))),
    ).toBe('serial_already_dispensed');
    await commands.execute(new Dispense('RX-BOOKS-1', pack('S3'), 1, pharmacist('2026-12-01T10:00:00Z')));
    expect(
      await refusal(commands.execute(new Dispense('RX-BOOKS-1', pack('S4'), 1, pharmacist('2026-12-01T11:00:00Z')))),
    ).toBe('exceeds_prescription');
    const view = await queries.execute(
      new GetPrescription('RX-BOOKS-1', { sub: 'ansm-user', role: 'ansm', org: 'ANSM' }),
    );
    expect(view.dispensations.map((d: { serial: string }) => d.serial)).toEqual(['S1', 'S2', 'S3']);
    expect(view.dispensedQuantity).toBe(3);
  });

  it('refuses a second receipt in the next month, and writes nothing in a book for a refused command', async () => {
    await receiveAndDispenseInNovember();
    expect(
      await refusal(
        commands.execute(
          new ReceiveShipment(toPharmacy, { kind: 'lines', lines: [line(5)] }, pharmacist('2026-12-02T09:00:00Z')),
        ),
      ),
    ).toBe('shipment_already_received');
    expect(
      await refusal(
        commands.execute(
          new Dispense('RX-BOOKS-1', pack('S9'), 1, at('2027-01-02T09:00:00Z', 'pharmacist', 'PH-1', '10000000002')),
        ),
      ),
    ).toBe('treatment_period_over');
    expect(await api.store.readStream(registerBookStream('PH-1', '2027-01'))).toEqual([]);
  });

  it('counts an inventory in December against the stock carried from November', async () => {
    await receiveAndDispenseInNovember();
    await dispenseInDecember();
    expect(
      await refusal(commands.execute(new CountInventory('PH-1', '2026-12-03', [], pharmacist('2026-12-03T09:00:00Z')))),
    ).toBe('inventory_incomplete');
    const counted = await countInDecember();
    expect(counted.events[0].data).toEqual({
      countedOn: '2026-12-03',
      counts: [{ gtin: GTIN, lot: 'L1', counted: 1, recorded: 2 }],
      adjustments: [{ gtin: GTIN, lot: 'L1', difference: -1 }],
    });
  });

  it('balances each month from its book, and lists the register across books with a running balance', async () => {
    await receiveAndDispenseInNovember();
    await dispenseInDecember();
    await countInDecember();
    const balance = (month: string) => queries.execute(new GetMonthlyBalance('PH-1', month));
    expect(await balance('2026-11')).toEqual([{ gtin: GTIN, lot: 'L1', opening: 0, entries: 5, exits: 1, closing: 4 }]);
    expect(await balance('2026-12')).toEqual([{ gtin: GTIN, lot: 'L1', opening: 4, entries: 0, exits: 3, closing: 1 }]);
    const entries = await queries.execute(new GetRegister('PH-1'));
    expect(entries.map((e: { movement: string; balance: number }) => [e.movement, e.balance])).toEqual([
      ['receipt', 5],
      ['dispensation', 4],
      ['dispensation', 3],
      ['dispensation', 2],
      ['inventory', 1],
    ]);
  });

  it('recalls a batch whose packs moved over three months: every holder and every patient', async () => {
    await receiveAndDispenseInNovember();
    await dispenseInDecember();
    await countInDecember();
    await commands.execute(
      new RecallBatch(GTIN, 'L1', { reason: 'contamination' }, at('2026-12-04T09:00:00Z', 'ansm', 'ANSM')),
    );
    const impact = await queries.execute(new GetRecallImpact(GTIN, 'L1'));
    expect(impact.patients).toEqual([patientId]);
    expect(
      new Map(impact.sitesHolding.map((s: { organisationId: string; onHand: number }) => [s.organisationId, s.onHand])),
    ).toEqual(
      new Map([
        ['SUP-1', 8],
        ['EXP-1', 7],
        ['PH-1', 1],
      ]),
    );
  });
});
