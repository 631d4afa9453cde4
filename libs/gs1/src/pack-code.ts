import { digitalLinkUri, isDigitalLink, parseDigitalLink } from './digital-link.js';
import { encodeElementString, Gs1ParseError, parseElementString, type Gs1Element } from './element-string.js';
import { isoDateOf } from './gs1-date.js';

/** The national healthcare reimbursement numbers (710 Germany ... 717 Spain). */
export type NationalNumberAi = '710' | '711' | '712' | '713' | '714' | '715' | '716' | '717';

/** What a pack's code says: the AIs cannatrace uses, typed, and every element as read. */
export interface PackCode {
  gtin: string;
  /** `YYYY-MM-DD`; day 00 in the code means the last day of the month. */
  expiry?: string;
  lot?: string;
  serial?: string;
  productionDate?: string;
  bestBefore?: string;
  nationalNumbers?: Partial<Record<NationalNumberAi, string>>;
  /** Every element of the scan, in the order read, those above included. */
  elements: Gs1Element[];
}

/**
 * Reads a pack's code as a scanner delivers it, in either syntax: a GS1 element string (DataMatrix) or a GS1
 * Digital Link URI (QR code). Every AI of the GS1 General Specifications is accepted; the pack needs a (01) GTIN.
 * `referenceYear` places two-digit years (GS1's sliding window).
 */
export function parsePackCode(scan: string, referenceYear = new Date().getUTCFullYear()): PackCode {
  // A QR code reader may put its symbology identifier (such as `]Q1`) before a URI.
  const uri = /^\][A-Za-z]\d(?=https?:\/\/)/i.test(scan) ? scan.slice(3) : scan;
  const elements = isDigitalLink(uri) ? parseDigitalLink(uri, referenceYear) : parseElementString(scan, referenceYear);
  const valueOf = (ai: string) => elements.find((e) => e.ai === ai)?.value;
  const gtin = valueOf('01');
  if (gtin === undefined) throw new Gs1ParseError('missing_gtin', 'the scan has no (01) GTIN', 0);
  const code: PackCode = { gtin, elements };
  const dates = { expiry: '17', productionDate: '11', bestBefore: '15' } as const;
  for (const [field, ai] of Object.entries(dates) as [keyof typeof dates, string][]) {
    const value = valueOf(ai);
    if (value !== undefined) code[field] = isoDateOf(value, referenceYear);
  }
  const lot = valueOf('10');
  if (lot !== undefined) code.lot = lot;
  const serial = valueOf('21');
  if (serial !== undefined) code.serial = serial;
  const national = elements.filter((e) => /^71[0-7]$/.test(e.ai));
  if (national.length > 0) code.nationalNumbers = Object.fromEntries(national.map((e) => [e.ai, e.value]));
  return code;
}

/** A pack's fields as element-string elements: GTIN, expiry, lot, serial. */
function packElements(code: {
  gtin: string;
  expiryYymmdd?: string;
  lot?: string;
  serial?: string;
}): { ai: string; value: string }[] {
  return [
    { ai: '01', value: code.gtin },
    ...(code.expiryYymmdd === undefined ? [] : [{ ai: '17', value: code.expiryYymmdd }]),
    ...(code.lot === undefined ? [] : [{ ai: '10', value: code.lot }]),
    ...(code.serial === undefined ? [] : [{ ai: '21', value: code.serial }]),
  ];
}

/** The element string of a pack, as a DataMatrix encodes it (fixed fields first, GS after each variable one). */
export function encodePackCode(
  code: { gtin: string; expiryYymmdd?: string; lot?: string; serial?: string },
  options: { symbologyPrefix?: boolean } = {},
): string {
  return encodeElementString(packElements(code), options);
}

/** The GS1 Digital Link URI of a pack, as a QR code on it would carry it. */
export function packDigitalLink(
  code: { gtin: string; expiryYymmdd?: string; lot?: string; serial?: string },
  base?: string,
): string {
  return digitalLinkUri(packElements(code), base);
}
