import { gs1CheckDigit } from './gtin.js';
import { centuryOf, lastDayOfMonth } from './gs1-date.js';

/**
 * The content rules a part of an AI's data field must pass beyond its character set and length. ISO code lists
 * (country, currency), UN/CEFACT package types and GS1 Company Prefix positions are not looked up: such parts are
 * checked for their format only.
 */
export type CheckName =
  | 'mod10'
  | 'date'
  | 'date0'
  | 'date8'
  | 'hhmm'
  | 'hh'
  | 'mi'
  | 'ss'
  | 'country'
  | 'country999'
  | 'alpha2country'
  | 'currency'
  | 'packagetype'
  | 'pct'
  | 'yesno'
  | 'zero'
  | 'nonzero'
  | 'winding'
  | 'piece'
  | 'latitude'
  | 'longitude'
  | 'minus'
  | 'sex'
  | 'media'
  | 'birthorder'
  | 'iban'
  | 'nozeroprefix'
  | 'hasletter'
  | 'gmn'
  | 'importer';

/** What a check found wrong: `kind` chooses the error code, `offset` is within the part. */
export interface CheckFailure {
  kind: 'check_digit' | 'date' | 'value';
  message: string;
  offset: number;
}

type Check = (value: string, referenceYear: number) => CheckFailure | undefined;

const value = (message: string, offset = 0): CheckFailure => ({ kind: 'value', message, offset });
const date = (message: string): CheckFailure => ({ kind: 'date', message, offset: 0 });

function calendarDate(year: number, mm: string, dd: string, dayZeroAllowed: boolean): CheckFailure | undefined {
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12) return date(`there is no month ${mm}`);
  if (day === 0 && dayZeroAllowed) return undefined;
  if (day === 0) return date('day 00 is not allowed in this AI');
  const last = lastDayOfMonth(year, month);
  if (day > last) return date(`${year}-${mm} has no day ${dd} (it has ${last} days)`);
  return undefined;
}

const inRange = (text: string, min: number, max: number, what: string) =>
  Number(text) >= min && Number(text) <= max
    ? undefined
    : value(`${what} ${text} is outside ${String(min).padStart(text.length, '0')}-${max}`);

const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97];

/** The two check characters of a GMN: data characters weighted by primes from the right, modulo 1021. */
export function gmnCheckPair(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += CSET82.indexOf(body[body.length - 1 - i]) * PRIMES[i];
  sum %= 1021;
  return CSET32[sum >> 5] + CSET32[sum & 31];
}

function iban(text: string): CheckFailure | undefined {
  if (!/^[A-Z]{2}\d{2}[A-Za-z0-9]+$/.test(text) || text.length < 5)
    return value(`IBAN ${text} is not two letters, two check digits and an account`);
  const rearranged = (text.slice(4) + text.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1
    ? undefined
    : { kind: 'check_digit', message: `IBAN ${text} has wrong check digits`, offset: 2 };
}

export const CHECKS: Record<CheckName, Check> = {
  mod10: (text) =>
    gs1CheckDigit(text.slice(0, -1)) === Number(text.at(-1))
      ? undefined
      : {
          kind: 'check_digit',
          message: `check digit ${text.at(-1)} is wrong (${text.slice(0, -1)} needs ${gs1CheckDigit(text.slice(0, -1))})`,
          offset: text.length - 1,
        },
  date: (text, ref) =>
    calendarDate(centuryOf(Number(text.slice(0, 2)), ref), text.slice(2, 4), text.slice(4, 6), false),
  date0: (text, ref) =>
    calendarDate(centuryOf(Number(text.slice(0, 2)), ref), text.slice(2, 4), text.slice(4, 6), true),
  date8: (text) => calendarDate(Number(text.slice(0, 4)), text.slice(4, 6), text.slice(6, 8), false),
  hhmm: (text) =>
    Number(text.slice(0, 2)) <= 23 && Number(text.slice(2, 4)) <= 59
      ? undefined
      : value(`time ${text} is not a time of day (HHMM)`),
  hh: (text) => inRange(text, 0, 23, 'hour'),
  mi: (text) => inRange(text, 0, 59, 'minute'),
  ss: (text) => inRange(text, 0, 59, 'second'),
  country: () => undefined,
  country999: () => undefined,
  currency: () => undefined,
  packagetype: () => undefined,
  alpha2country: (text) =>
    /^[A-Z]{2}$/.test(text) ? undefined : value(`country code ${text} is not two capital letters`),
  pct: (text) => {
    const bad = /%(?![0-9A-Fa-f]{2})/.exec(text);
    return bad ? value(`"%" at ${bad.index} does not start a percent-encoded byte`, bad.index) : undefined;
  },
  yesno: (text) => (text === '0' || text === '1' ? undefined : value(`flag ${text} is neither 0 nor 1`)),
  zero: (text) => (text === '0' ? undefined : value(`digit ${text} must be 0`)),
  nonzero: (text) => (/^0+$/.test(text) ? value(`${text} must not be zero`) : undefined),
  winding: (text) => (['0', '1', '9'].includes(text) ? undefined : value(`winding direction ${text} is not 0, 1 or 9`)),
  piece: (text) => {
    const piece = Number(text.slice(0, text.length / 2));
    const total = Number(text.slice(text.length / 2));
    if (piece === 0 || total === 0)
      return value(`piece ${text.slice(0, 2)} of total ${text.slice(2)}: neither may be 0`);
    return piece > total ? value(`piece ${piece} is more than the total ${total}`) : undefined;
  },
  latitude: (text) => inRange(text, 0, 1800000000, 'latitude'),
  longitude: (text) => inRange(text, 0, 3600000000, 'longitude'),
  minus: (text) => (text === '-' ? undefined : value(`sign "${text}" must be "-"`)),
  sex: (text) =>
    ['0', '1', '2', '9'].includes(text) ? undefined : value(`sex code ${text} is not 0, 1, 2 or 9 (ISO/IEC 5218)`),
  media: (text) => {
    const n = Number(text);
    return (n >= 1 && n <= 10) || n >= 80 ? undefined : value(`media type ${text} is not assigned (01-10, 80-99)`);
  },
  birthorder: (text) => {
    const match = /^([1-9])\/([1-9])$/.exec(text);
    if (!match) return value(`birth sequence ${text} is not "n/m"`);
    return Number(match[1]) > Number(match[2]) ? value(`birth sequence ${text}: position after the count`) : undefined;
  },
  iban,
  nozeroprefix: (text) => (text.startsWith('0') ? value(`${text} must not start with 0`) : undefined),
  hasletter: (text) => (/^\d+$/.test(text) ? value(`${text} must hold a character other than a digit`) : undefined),
  gmn: (text) => {
    if (text.length < 2)
      return { kind: 'check_digit', message: `${text} is too short for its two check characters`, offset: 0 };
    const expected = gmnCheckPair(text.slice(0, -2));
    return text.slice(-2) === expected
      ? undefined
      : {
          kind: 'check_digit',
          message: `check characters ${text.slice(-2)} are wrong (${text.slice(0, -2)} needs ${expected})`,
          offset: text.length - 2,
        };
  },
  importer: (text) =>
    /^[-0-9A-Z_a-z]$/.test(text) ? undefined : value(`importer index "${text}" is not a digit, letter, "-" or "_"`),
};
