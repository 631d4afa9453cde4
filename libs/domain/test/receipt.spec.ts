import { describe, expect, it } from '@jest/globals';
import { encodePackCode, packDigitalLink } from '#gs1';
import { batchKey, compareReceipt, compareScannedExpiry } from '#domain';

const GTIN = '03400930000014';
const line = (lot: string, quantity: number) => ({ gtin: GTIN, lot, quantity });
const dataMatrix = (lot: string, serial: string, expiryYymmdd = '271231') =>
  encodePackCode({ gtin: GTIN, expiryYymmdd, lot, serial }, { symbologyPrefix: true });

describe('receipt by scans', () => {
  it('counts GS1 Digital Link URIs like DataMatrix codes, any domain, path or query form (defect 4)', () => {
    const scans = [
      dataMatrix('L1', 'S1'),
      packDigitalLink({ gtin: GTIN, expiryYymmdd: '271231', lot: 'L1', serial: 'S2' }),
      `https://qr.labo.example/p/01/${GTIN}/10/L1/21/S3?17=271231&712=CN-1`,
      `https://id.gs1.org/01/${GTIN}/10/L1/21/S1`,
    ];
    const { accepted, discrepancies, serials } = compareReceipt([line('L1', 3)], { kind: 'scans', scans });
    expect(accepted).toEqual([line('L1', 3)]);
    expect(serials.map((s) => s.serial)).toEqual(['S1', 'S2', 'S3']);
    expect(discrepancies).toEqual([{ kind: 'duplicate_scan', gtin: GTIN, lot: 'L1', serial: 'S1' }]);
  });

  it('reports an unreadable Digital Link as an unknown code, saying why', () => {
    const { discrepancies } = compareReceipt([line('L1', 1)], {
      kind: 'scans',
      scans: [`https://id.gs1.org/01/${GTIN}/21/S1/10/L1`],
    });
    expect(discrepancies[0]).toMatchObject({
      kind: 'unknown_code',
      reason: 'bad_digital_link',
      detail: expect.stringMatching(/qualifiers, in this order, are 22, 10, 21/),
    });
  });

  it("reports packs whose scanned expiry is not their batch's, given the recorded expiries (defect 3)", () => {
    const recorded = new Map([
      [batchKey(GTIN, 'L1'), '2027-12-31'],
      [batchKey(GTIN, 'L2'), '2028-06-30'],
    ]);
    const scans = [
      dataMatrix('L1', 'S1'),
      dataMatrix('L1', 'S2', '991231'),
      dataMatrix('L1', 'S3', '991231'),
      dataMatrix('L2', 'S4', '280600'),
      dataMatrix('L2', 'S5', '280601'),
    ];
    const { accepted, discrepancies } = compareReceipt(
      [line('L1', 3), line('L2', 2)],
      { kind: 'scans', scans },
      recorded,
    );
    expect(accepted).toEqual([line('L1', 3), line('L2', 2)]);
    expect(discrepancies).toEqual([
      { kind: 'expiry_mismatch', gtin: GTIN, lot: 'L1', recorded: '2027-12-31', scanned: '1999-12-31', received: 2 },
      { kind: 'expiry_mismatch', gtin: GTIN, lot: 'L2', recorded: '2028-06-30', scanned: '2028-06-01', received: 1 },
    ]);
  });

  it('says nothing of expiries for counted lines, for batches it has no record of, or without the records', () => {
    const scans = [dataMatrix('L1', 'S1', '991231')];
    expect(compareReceipt([line('L1', 1)], { kind: 'scans', scans }).discrepancies).toEqual([]);
    expect(compareReceipt([line('L1', 1)], { kind: 'scans', scans }, new Map()).discrepancies).toEqual([]);
    expect(
      compareReceipt(
        [line('L1', 1)],
        { kind: 'lines', lines: [line('L1', 1)] },
        new Map([[batchKey(GTIN, 'L1'), '2027-12-31']]),
      ).discrepancies,
    ).toEqual([]);
  });
});

describe('scanned expiry against the recorded one', () => {
  it('matches the same day, differs otherwise, and knows when the code has none', () => {
    expect(compareScannedExpiry('2027-12-31', '2027-12-31')).toBe('matches');
    expect(compareScannedExpiry('1999-12-31', '2099-12-31')).toBe('differs');
    expect(compareScannedExpiry(undefined, '2027-12-31')).toBe('not_scanned');
  });
});
