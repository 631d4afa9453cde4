import { gtinProblem } from './gtin.js';

/** Group separator (ASCII 29): ends a variable-length field; scanners send it for FNC1. */
export const GS = '\x1d';

/** What a pack's DataMatrix says. */
export interface PackCode {
  gtin: string;
  /** `YYYY-MM-DD`; day 00 in the code means the last day of the month. */
  expiry?: string;
  lot?: string;
  serial?: string;
}

export type Gs1ErrorCode =
  | 'empty'
  | 'unknown_ai'
  | 'truncated'
  | 'bad_characters'
  | 'bad_check_digit'
  | 'bad_date'
  | 'too_long'
  | 'missing_separator'
  | 'duplicate_ai'
  | 'missing_gtin';

export class Gs1ParseError extends Error {
  constructor(
    readonly code: Gs1ErrorCode,
    message: string,
    /** Offset in the scan (after any symbology prefix) where the problem was found. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'Gs1ParseError';
  }
}

interface AiSpec {
  name: string;
  /** Fixed length, or the maximum length of a variable field. */
  length: number;
  variable: boolean;
  charset: RegExp;
}

const DIGITS = /^\d+$/;
/** GS1 AI encodable character set 82. */
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;

/** The application identifiers of a medicine pack (and a few that travel with them). */
const AIS: Record<string, AiSpec> = {
  '01': { name: 'GTIN', length: 14, variable: false, charset: DIGITS },
  '10': { name: 'batch/lot', length: 20, variable: true, charset: CSET82 },
  '11': { name: 'production date', length: 6, variable: false, charset: DIGITS },
  '15': { name: 'best before date', length: 6, variable: false, charset: DIGITS },
  '17': { name: 'expiry date', length: 6, variable: false, charset: DIGITS },
  '21': { name: 'serial number', length: 20, variable: true, charset: CSET82 },
  '711': { name: 'national reimbursement number (France)', length: 20, variable: true, charset: CSET82 },
};

/** Symbology identifiers a scanner may put first: GS1 DataMatrix, GS1-128, GS1 QR, GS1 DataBar. */
const SYMBOLOGY_PREFIXES = [']d2', ']C1', ']Q3', ']e0'];

/**
 * Parses the content of a pack's GS1 DataMatrix as a scanner delivers it. It accepts a symbology prefix and a
 * leading FNC1, and refuses, with the reason and the position, anything it would have to guess at: an unknown AI,
 * a wrong check digit, an impossible date, a variable field longer than its maximum (the usual sign of a
 * separator the scanner dropped), an AI given twice.
 */
export function parsePackCode(scan: string, referenceYear = new Date().getUTCFullYear()): PackCode {
  let data = scan;
  const prefix = SYMBOLOGY_PREFIXES.find((p) => data.startsWith(p));
  if (prefix) data = data.slice(prefix.length);
  let offset = 0;
  while (data[offset] === GS) offset++;
  if (offset >= data.length) throw new Gs1ParseError('empty', 'the scan holds no data', offset);

  const values = new Map<string, { value: string; position: number }>();
  while (offset < data.length) {
    const ai = Object.keys(AIS).find((candidate) => data.startsWith(candidate, offset));
    if (!ai) throw new Gs1ParseError('unknown_ai', `unknown application identifier at position ${offset}: "${data.slice(offset, offset + 4)}"`, offset);
    const spec = AIS[ai];
    const start = offset + ai.length;
    let value: string;
    if (spec.variable) {
      const end = data.indexOf(GS, start);
      value = data.slice(start, end === -1 ? data.length : end);
      if (value.length > spec.length) {
        throw new Gs1ParseError(
          'missing_separator',
          `(${ai}) ${spec.name} is ${value.length} characters, more than ${spec.length}: a GS separator is probably missing after it`,
          start,
        );
      }
      offset = end === -1 ? data.length : end + 1;
    } else {
      value = data.slice(start, start + spec.length);
      if (value.length < spec.length) {
        throw new Gs1ParseError('truncated', `(${ai}) ${spec.name} needs ${spec.length} characters, found ${value.length}`, start);
      }
      offset = start + spec.length;
      // A fixed-length field may be followed by a superfluous separator.
      if (data[offset] === GS) offset++;
    }
    if (value.length === 0) throw new Gs1ParseError('truncated', `(${ai}) ${spec.name} is empty`, start);
    if (!spec.charset.test(value)) {
      throw new Gs1ParseError('bad_characters', `(${ai}) ${spec.name} holds characters GS1 does not allow: ${JSON.stringify(value)}`, start);
    }
    if (values.has(ai)) throw new Gs1ParseError('duplicate_ai', `(${ai}) ${spec.name} appears twice`, offset);
    values.set(ai, { value, position: start });
  }

  const gtin = values.get('01');
  if (!gtin) throw new Gs1ParseError('missing_gtin', 'the scan has no (01) GTIN', 0);
  if (gtinProblem(gtin.value)) throw new Gs1ParseError('bad_check_digit', `(01) GTIN ${gtin.value} has a wrong check digit`, gtin.position);
  const code: PackCode = { gtin: gtin.value };
  const expiry = values.get('17');
  if (expiry) code.expiry = expiryDate(expiry.value, expiry.position, referenceYear);
  const lot = values.get('10');
  if (lot) code.lot = lot.value;
  const serial = values.get('21');
  if (serial) code.serial = serial.value;
  return code;
}

/** YYMMDD to a date; day 00 is the month's last day; the century is GS1's sliding window around `referenceYear`. */
function expiryDate(yymmdd: string, position: number, referenceYear: number): string {
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  const current = referenceYear % 100;
  const century = Math.floor(referenceYear / 100) * 100;
  const difference = yy - current;
  const year = difference >= 51 ? century - 100 + yy : difference <= -50 ? century + 100 + yy : century + yy;
  if (month < 1 || month > 12) throw new Gs1ParseError('bad_date', `(17) expiry ${yymmdd} has no month ${month}`, position);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === 0) day = lastDay;
  if (day > lastDay) throw new Gs1ParseError('bad_date', `(17) expiry ${yymmdd}: ${year}-${month} has no day ${day}`, position);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The element string of a pack, as a DataMatrix encodes it (fixed fields first, GS after each variable one). */
export function encodePackCode(code: PackCode & { expiryYymmdd?: string }, options: { symbologyPrefix?: boolean } = {}): string {
  const parts = [`01${code.gtin}`];
  if (code.expiryYymmdd) parts.push(`17${code.expiryYymmdd}`);
  const variable = [code.lot === undefined ? undefined : `10${code.lot}`, code.serial === undefined ? undefined : `21${code.serial}`].filter(
    (p): p is string => p !== undefined,
  );
  return (options.symbologyPrefix ? ']d2' : '') + parts.join('') + variable.join(GS);
}
