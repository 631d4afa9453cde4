import fc from 'fast-check';
import { AI_TABLE, type AiDefinition, type FieldPart } from '../src/ai-table.js';
import { centuryOf, lastDayOfMonth } from '../src/gs1-date.js';
import { gmnCheckPair } from '../src/ai-checks.js';
import { gs1CheckDigit } from '../src/gtin.js';

/** Generators of valid AI data, written from the rules of the AI table: what the parser must accept. */

export const REFERENCE_YEAR = 2026;

const chars = (alphabet: string) => alphabet.split('');
export const CSET82 = chars('!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz');
const ALPHABETS = {
  n: chars('0123456789'),
  x: CSET82,
  y: chars('#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  z: chars('-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'),
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const text = (alphabet: string[], min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((a) => a.join(''));
const digits = (length: number) => text(ALPHABETS.n, length, length);

const yymmdd = (dayZero: boolean) =>
  fc
    .record({
      yy: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: dayZero ? 0 : 1, max: 31 }),
    })
    .map(({ yy, month, day }) => {
      const last = lastDayOfMonth(centuryOf(yy, REFERENCE_YEAR), month);
      return pad(yy, 2) + pad(month, 2) + pad(Math.min(day, last), 2);
    });

function iban(): fc.Arbitrary<string> {
  return fc
    .tuple(text(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 2, 2), text(chars('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 1, 30))
    .map(([country, account]) => {
      let remainder = 0;
      for (const c of `${account}${country}00`)
        for (const d of /\d/.test(c) ? c : String(c.charCodeAt(0) - 55)) remainder = (remainder * 10 + Number(d)) % 97;
      return `${country}${pad(98 - remainder, 2)}${account}`;
    });
}

function part(p: FieldPart): fc.Arbitrary<string> {
  const checks = p.checks;
  if (checks.includes('mod10')) return digits(p.max - 1).map((body) => body + gs1CheckDigit(body));
  if (checks.includes('date0')) return yymmdd(true);
  if (checks.includes('date')) return yymmdd(false);
  if (checks.includes('date8'))
    return fc
      .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
  if (checks.includes('hhmm'))
    return fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => pad(h, 2) + pad(m, 2));
  if (checks.includes('hh')) return fc.integer({ min: 0, max: 23 }).map((n) => pad(n, 2));
  if (checks.includes('mi') || checks.includes('ss')) return fc.integer({ min: 0, max: 59 }).map((n) => pad(n, 2));
  if (checks.includes('yesno')) return fc.constantFrom('0', '1');
  if (checks.includes('zero')) return fc.constant('0');
  if (checks.includes('nonzero')) return fc.integer({ min: 1, max: 10 ** p.max - 1 }).map((n) => pad(n, p.max));
  if (checks.includes('winding')) return fc.constantFrom('0', '1', '9');
  if (checks.includes('piece'))
    return fc
      .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }))
      .map(([a, b]) => pad(Math.min(a, b), 2) + pad(Math.max(a, b), 2));
  if (checks.includes('latitude')) return fc.integer({ min: 0, max: 1800000000 }).map((n) => pad(n, 10));
  if (checks.includes('longitude')) return fc.integer({ min: 0, max: 3600000000 }).map((n) => pad(n, 10));
  if (checks.includes('minus')) return fc.constant('-');
  if (checks.includes('sex')) return fc.constantFrom('0', '1', '2', '9');
  if (checks.includes('media'))
    return fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 80, max: 99 })).map((n) => pad(n, 2));
  if (checks.includes('birthorder'))
    return fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
      .map(([a, b]) => `${Math.min(a, b)}/${Math.max(a, b)}`);
  if (checks.includes('iban')) return iban();
  if (checks.includes('nozeroprefix'))
    return fc
      .tuple(fc.integer({ min: 1, max: 9 }), text(ALPHABETS.n, 0, p.max - 1))
      .map(([first, rest]) => `${first}${rest}`);
  if (checks.includes('gmn')) {
    const body = checks.includes('hasletter')
      ? fc.tuple(text(CSET82, 0, p.max - 3), fc.constantFrom(...chars('ABCXYZabc'))).map(([a, letter]) => a + letter)
      : text(CSET82, 1, p.max - 2);
    return body.map((b) => b + gmnCheckPair(b));
  }
  if (checks.includes('importer'))
    return fc.constantFrom(...chars('-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'));
  if (checks.includes('alpha2country')) return text(chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ'), 2, 2);
  if (checks.includes('pct'))
    return text(
      CSET82.filter((c) => c !== '%'),
      p.min,
      p.max,
    );
  return text(ALPHABETS[p.charset], p.min, p.max);
}

const built = new Map<string, fc.Arbitrary<string>>();

/** A valid data field for an AI: mandatory parts, then any leading run of its optional parts. */
export function aiValue(definition: AiDefinition): fc.Arbitrary<string> {
  let arbitrary = built.get(definition.ai);
  if (!arbitrary) built.set(definition.ai, (arbitrary = buildValue(definition)));
  return arbitrary;
}

function buildValue(definition: AiDefinition): fc.Arbitrary<string> {
  const mandatory = definition.parts.filter((p) => !p.optional);
  const optional = definition.parts.filter((p) => p.optional);
  return fc
    .tuple(
      fc.tuple(...mandatory.map(part)),
      fc.integer({ min: 0, max: optional.length }),
      fc.tuple(...optional.map(part)),
    )
    .map(([required, count, extra]) => [...required, ...extra.slice(0, count)].join(''));
}

export const ALL_DEFINITIONS = [...AI_TABLE.values()];

/** Any AI of the table with a valid value. */
export const anyElement = fc
  .constantFrom(...ALL_DEFINITIONS)
  .chain((d) => aiValue(d).map((value) => ({ ai: d.ai, value })));

/** A list of elements with distinct AIs. */
export const elementList = fc.uniqueArray(anyElement, { minLength: 1, maxLength: 6, selector: (e) => e.ai });
