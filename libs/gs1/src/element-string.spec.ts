import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { encodePackCode, GS, gs1CheckDigit, Gs1ParseError, parsePackCode } from './index.js';

/* The pack reading as cannatrace uses it: GTIN, expiry, lot and serial from a DataMatrix. */

const REFERENCE_YEAR = 2026;
const parse = (scan: string) => parsePackCode(scan, REFERENCE_YEAR);
const GTIN = '03400930000014';

function errorOf(scan: string): Gs1ParseError {
  try {
    parse(scan);
  } catch (error) {
    if (error instanceof Gs1ParseError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(scan)} parsed`);
}

describe('GS1 DataMatrix content', () => {
  it('reads a pack with the ]d2 prefix, a leading FNC1 and GS after the lot', () => {
    expect(parse(`]d2${GS}01${GTIN}17270131` + `10L2026-A${GS}21SN0001`)).toMatchObject({
      gtin: GTIN,
      expiry: '2027-01-31',
      lot: 'L2026-A',
      serial: 'SN0001',
    });
  });

  it('reads a pack without serial, and fields in any order', () => {
    const code = parse(`10ABC${GS}01${GTIN}17281200`);
    expect(code).toMatchObject({ gtin: GTIN, lot: 'ABC', expiry: '2028-12-31' });
    expect(code.serial).toBeUndefined();
  });

  it('reads day 00 as the last day of the month, leap years included', () => {
    expect(parse(`01${GTIN}17280200`).expiry).toBe('2028-02-29');
    expect(parse(`01${GTIN}17270200`).expiry).toBe('2027-02-28');
  });

  it('places two-digit years in GS1 sliding window around the reference year', () => {
    expect(parse(`01${GTIN}17760101`).expiry).toBe('2076-01-01');
    expect(parse(`01${GTIN}17770101`).expiry).toBe('1977-01-01');
  });

  it('checks the production and best-before dates (defect 1)', () => {
    expect(errorOf(`01${GTIN}11250230`)).toMatchObject({ code: 'bad_date', position: 18 });
    expect(errorOf(`01${GTIN}11250230`).message).toMatch(/\(11\) production date 250230: 2025-02 has no day 30/);
    expect(errorOf(`01${GTIN}15261301`)).toMatchObject({ code: 'bad_date', position: 18 });
    expect(parse(`01${GTIN}11250200` + `15280229`)).toMatchObject({
      productionDate: '2025-02-28',
      bestBefore: '2028-02-29',
    });
  });

  it('accepts and returns the standard AIs beyond the pack ones (defect 2)', () => {
    const scan =
      `]d201${GTIN}17281231` +
      [
        '10L1',
        '712CN-123456',
        '714AIM9876',
        '240ADD',
        '3012',
        '400PO-7',
        '70032812311530',
        '8008281231154500',
        '91INT',
        '99X',
      ].join(GS);
    const code = parse(scan);
    expect(code).toMatchObject({
      gtin: GTIN,
      lot: 'L1',
      expiry: '2028-12-31',
      nationalNumbers: { '712': 'CN-123456', '714': 'AIM9876' },
    });
    expect(code.elements.map((e) => [e.ai, e.value])).toEqual([
      ['01', GTIN],
      ['17', '281231'],
      ['10', 'L1'],
      ['712', 'CN-123456'],
      ['714', 'AIM9876'],
      ['240', 'ADD'],
      ['30', '12'],
      ['400', 'PO-7'],
      ['7003', '2812311530'],
      ['8008', '281231154500'],
      ['91', 'INT'],
      ['99', 'X'],
    ]);
  });

  it.each([
    ['', 'empty'],
    [']d2', 'empty'],
    [`01${GTIN.slice(0, 13)}5`, 'bad_check_digit'],
    [`01${GTIN}10${'L'.repeat(20)}21SERIAL`, 'missing_separator'],
    [`01${GTIN}05ABC`, 'unknown_ai'],
    [`01${GTIN}1727013`, 'truncated'],
    [`01${GTIN}17271301`, 'bad_date'],
    [`01${GTIN}17270230`, 'bad_date'],
    [`01${GTIN}10L1${GS}10L2`, 'duplicate_ai'],
    [`10LOT`, 'missing_gtin'],
    [`01${GTIN}10LOT#1`, 'bad_characters'],
    [`01${GTIN}10`, 'truncated'],
  ])('refuses %j: %s', (scan, code) => {
    const error = errorOf(scan);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('says where the separator is missing and why', () => {
    const error = errorOf(`01${GTIN}10${'L'.repeat(20)}21SERIAL`);
    expect(error.message).toMatch(
      /\(10\) batch\/lot is 28 characters, more than 20: a GS separator is probably missing/,
    );
    expect(error.position).toBe(18);
  });

  const cset82 = fc.constantFrom(
    ...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'.split(''),
  );
  const field = fc.array(cset82, { minLength: 1, maxLength: 20 }).map((chars) => chars.join(''));
  const pack = fc
    .record({
      body: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 }).map((d) => d.join('')),
      year: fc.integer({ min: 0, max: 49 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 0, max: 28 }),
      lot: field,
      serial: fc.option(field, { nil: undefined }),
      prefix: fc.boolean(),
    })
    .map(({ body, year, month, day, lot, serial, prefix }) => ({
      gtin: `${body}${gs1CheckDigit(body)}`,
      expiryYymmdd: [year, month, day].map((n) => String(n).padStart(2, '0')).join(''),
      lot,
      serial,
      prefix,
    }));

  it('parses back every valid pack it encodes', () => {
    fc.assert(
      fc.property(pack, (p) => {
        const parsed = parse(encodePackCode(p, { symbologyPrefix: p.prefix }));
        expect(parsed.gtin).toBe(p.gtin);
        expect(parsed.lot).toBe(p.lot);
        expect(parsed.serial).toBe(p.serial);
        const [y, m, d] = [p.expiryYymmdd.slice(0, 2), p.expiryYymmdd.slice(2, 4), p.expiryYymmdd.slice(4, 6)];
        const lastDay = new Date(Date.UTC(2000 + Number(y), Number(m), 0)).getUTCDate();
        expect(parsed.expiry).toBe(`20${y}-${m}-${d === '00' ? String(lastDay) : d}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('never crashes on a mutated scan: it answers a pack or a Gs1ParseError', () => {
    const mutation = fc.tuple(
      pack,
      fc.array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('delete', 'insert', 'replace'),
          char: fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), fc.constant(GS)),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    );
    fc.assert(
      fc.property(mutation, ([p, edits]) => {
        let scan = encodePackCode(p, { symbologyPrefix: p.prefix });
        for (const edit of edits) {
          const at = scan.length === 0 ? 0 : edit.at % scan.length;
          if (edit.kind === 'delete') scan = scan.slice(0, at) + scan.slice(at + 1);
          if (edit.kind === 'insert') scan = scan.slice(0, at) + edit.char + scan.slice(at);
          if (edit.kind === 'replace') scan = scan.slice(0, at) + edit.char + scan.slice(at + 1);
        }
        try {
          const parsed = parse(scan);
          expect(parsed.gtin).toMatch(/^\d{14}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(Gs1ParseError);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('never crashes on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (scan) => {
        try {
          parse(scan);
        } catch (error) {
          expect(error).toBeInstanceOf(Gs1ParseError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
