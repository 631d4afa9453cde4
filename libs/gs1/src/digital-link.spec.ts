import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  AI_TABLE,
  type AiDefinition,
  digitalLinkUri,
  encodeDigitalLinkValue,
  Gs1ParseError,
  packDigitalLink,
  parseDigitalLink,
  parsePackCode,
} from './index.js';
import { aiValue, ALL_DEFINITIONS, CSET82, REFERENCE_YEAR } from '../test/arbitraries.js';

const GTIN = '03400930000014';
const read = (uri: string) => parseDigitalLink(uri, REFERENCE_YEAR).map(({ ai, value }) => [ai, value]);

function errorOf(uri: string): Gs1ParseError {
  try {
    parseDigitalLink(uri, REFERENCE_YEAR);
  } catch (error) {
    if (error instanceof Gs1ParseError) return error;
    throw error;
  }
  throw new Error(`${uri} parsed`);
}

describe('GS1 Digital Link URIs', () => {
  it('reads a pack from the path and query on any domain, under any path prefix (defect 4)', () => {
    const code = parsePackCode(`https://id.gs1.org/01/${GTIN}/10/L%2F1/21/S%2B1?17=271231`, REFERENCE_YEAR);
    expect(code).toMatchObject({ gtin: GTIN, lot: 'L/1', serial: 'S+1', expiry: '2027-12-31' });
    expect(read(`HTTP://pharma.example.fr/qr/v2/01/${GTIN}/10/L1?linkType=gs1:pip&17=271200&712=CN1#top`)).toEqual([
      ['01', GTIN],
      ['10', 'L1'],
      ['17', '271200'],
      ['712', 'CN1'],
    ]);
  });

  it('reads a URI after the symbology identifier a QR reader may send first', () => {
    expect(parsePackCode(`]Q1https://id.gs1.org/01/${GTIN}/10/L1`, REFERENCE_YEAR)).toMatchObject({
      gtin: GTIN,
      lot: 'L1',
    });
  });

  it('reads a GTIN-13, -12 or -8 in the path as its GTIN-14', () => {
    expect(read('https://example.com/01/3400930000014')).toEqual([['01', GTIN]]);
    expect(read('https://example.com/01/96385074/')).toEqual([['01', '00000096385074']]);
  });

  it.each([
    ['https://example.com/', 'bad_digital_link', 0, /ends with no GS1 primary key/],
    [
      `https://example.com/01/${GTIN}/21/S1/10/L1`,
      'bad_digital_link',
      0,
      /\(01\) GTIN is followed by 21, 10 in the path; its qualifiers, in this order, are 22, 10, 21 or 235/,
    ],
    [
      `https://example.com/01/${GTIN}?21=S1`,
      'bad_digital_link',
      38,
      /\(21\) serial number belongs in the URI path, not in the query \(position 38\)/,
    ],
    [`https://example.com/01/${GTIN}?17=271301`, 'bad_date', 41, /\(17\) expiry date 271301: there is no month 13/],
    [`https://example.com/01/03400930000015`, 'bad_check_digit', 36, /check digit 5 is wrong/],
    [`https://example.com/01/${GTIN}?10=L1&10=L2`, 'duplicate_ai', 47, /\(10\) batch\/lot appears twice/],
    [`https://example.com/01/${GTIN}/10/%E0%A4%A`, 'bad_digital_link', 41, /malformed percent-encoding/],
    [
      `https://example.com/01/${GTIN}/10/L%231`,
      'bad_characters',
      42,
      /allows GS1 character set 82 there, found "#" at position 42/,
    ],
    [
      `https://example.com/01/${GTIN}?9999=1`,
      'unknown_ai',
      38,
      /query parameter 9999 at position 38 is not a GS1 application identifier/,
    ],
  ])('refuses %s: %s at %d', (uri, code, position, message) => {
    const error = errorOf(uri);
    expect([error.code, error.position]).toEqual([code, position]);
    expect(error.message).toMatch(message);
  });

  it("percent-encodes every reserved character, !'()* included (defect 5)", () => {
    expect(encodeDigitalLinkValue("A!'()*/ B%")).toBe('A%21%27%28%29%2A%2F%20B%25');
    expect(packDigitalLink({ gtin: GTIN, lot: "L(1)*'!", serial: 'S/1' })).toBe(
      `https://id.gs1.org/01/${GTIN}/10/L%281%29%2A%27%21/21/S%2F1`,
    );
  });

  const keys = ALL_DEFINITIONS.filter((d) => d.keyQualifiers);
  const element = (definition: AiDefinition) => aiValue(definition).map((value) => ({ ai: definition.ai, value }));
  /** A primary key with a valid value, then some of its qualifiers in one of its orders. */
  const keyed = fc.constantFrom(...keys).chain((key) =>
    fc
      .tuple(
        element(key),
        fc.constantFrom(...(key.keyQualifiers ?? [])).chain((order) => fc.subarray(order)),
      )
      .chain(([first, qualifiers]) =>
        fc.tuple(...qualifiers.map((ai) => element(AI_TABLE.get(ai) as AiDefinition))).map((rest) => [first, ...rest]),
      ),
  );
  const attribute = fc.constantFrom(...ALL_DEFINITIONS.filter((d) => !d.pathOnly)).chain(element);
  const link = fc
    .tuple(
      keyed,
      fc.uniqueArray(attribute, { maxLength: 4, selector: (e) => e.ai }),
      fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 3 }),
    )
    .map(([path, attributes, prefix]) => {
      const key = AI_TABLE.get(path[0].ai) as AiDefinition;
      const taken = new Set([key.ai, ...(key.keyQualifiers ?? []).flat()]);
      return {
        base: `https://resolver.example.org${prefix.map((p) => `/${p}`).join('')}`,
        elements: [...path, ...attributes.filter((a) => !taken.has(a.ai))],
      };
    });

  it('reads back every Digital Link it writes, from the GS1 rules', () => {
    fc.assert(
      fc.property(link, ({ base, elements }) => {
        const uri = digitalLinkUri(elements, base);
        expect(uri.slice(base.length)).toMatch(/^[A-Za-z0-9\-._~%/?=&]*$/);
        expect(read(uri)).toEqual(elements.map(({ ai, value }) => [ai, value]));
      }),
      { numRuns: 5000 },
    );
  });

  it('encodes any character set 82 value so that it decodes to itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CSET82), { minLength: 1, maxLength: 20 }).map((c) => c.join('')),
        (lot) => {
          const uri = packDigitalLink({ gtin: GTIN, lot });
          expect(uri).not.toMatch(/[!'()*]/);
          expect(parsePackCode(uri, REFERENCE_YEAR).lot).toBe(lot);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never crashes on a mutated URI: it answers elements or a Gs1ParseError', () => {
    fc.assert(
      fc.property(
        link,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('/', '?', '&', '=', '%', '0', '1', 'A', '#')), {
          minLength: 1,
          maxLength: 4,
        }),
        ({ base, elements }, edits) => {
          let uri = digitalLinkUri(elements, base);
          for (const [at, char] of edits) uri = uri.slice(0, at % uri.length) + char + uri.slice((at % uri.length) + 1);
          try {
            parseDigitalLink(uri, REFERENCE_YEAR);
          } catch (error) {
            expect(error).toBeInstanceOf(Gs1ParseError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
