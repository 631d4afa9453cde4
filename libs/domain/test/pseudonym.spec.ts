import { describe, expect, it } from '@jest/globals';
import { isIssuedPseudonym, pseudonymOf, pseudonymProblem } from '#domain';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const bytes = (...values: number[]) => Uint8Array.from(values);
const sample = pseudonymOf(bytes(0x3a, 0x9f, 0x01, 0xc4, 0x7e, 0x55, 0xd2, 0x08, 0xb1, 0x6c));

describe('patient pseudonyms issued by cannatrace', () => {
  it('are CT-, 16 characters of Crockford base32 and a check character, the same for the same bytes', () => {
    expect(sample).toMatch(/^CT-[0-9A-HJKMNP-TV-Z]{17}$/);
    expect(pseudonymOf(bytes(0x3a, 0x9f, 0x01, 0xc4, 0x7e, 0x55, 0xd2, 0x08, 0xb1, 0x6c))).toBe(sample);
    expect(pseudonymOf(new Uint8Array(10))).toBe(`CT-${'0'.repeat(17)}`);
    expect(pseudonymOf(new Uint8Array(10).fill(255)).slice(0, -1)).toBe(`CT-${'Z'.repeat(16)}`);
    expect(pseudonymProblem(sample)).toBeUndefined();
  });

  it('catch every single mistyped character, the check character included', () => {
    let caught = 0;
    for (let position = 3; position < sample.length; position++) {
      for (const c of ALPHABET) {
        if (c === sample[position]) continue;
        const typo = sample.slice(0, position) + c + sample.slice(position + 1);
        expect([typo, pseudonymProblem(typo)]).toEqual([typo, 'mistyped']);
        caught += 1;
      }
    }
    expect(caught).toBe(17 * 31);
  });

  it('catch two adjacent characters swapped, the check character included, except 0 and Z (Luhn mod 32)', () => {
    // Every pair of distinct characters at every adjacent place of the 17: the body's other characters vary.
    const issued = (body: string) =>
      [...ALPHABET].map((c) => `CT-${body}${c}`).find((id) => pseudonymProblem(id) === undefined) as string;
    let caught = 0;
    let missed = 0;
    for (let place = 0; place < 16; place++) {
      for (const a of ALPHABET) {
        for (const b of ALPHABET) {
          if (a === b) continue;
          const filler = ALPHABET[(place * 7 + ALPHABET.indexOf(a)) % 32];
          let id: string;
          if (place < 15) {
            const body = filler.repeat(place) + a + b + filler.repeat(14 - place);
            id = issued(body);
          } else {
            // The last body character and the check character: bodies whose check character is b.
            const body = [...ALPHABET].map((f) => f.repeat(15) + a).find((candidate) => issued(candidate).endsWith(b));
            if (body === undefined) continue;
            id = issued(body);
          }
          const i = 3 + place;
          const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
          const problem = pseudonymProblem(swapped);
          if (`${a}${b}` === '0Z' || `${a}${b}` === 'Z0') {
            expect([swapped, problem]).toEqual([swapped, undefined]);
            missed += 1;
          } else {
            expect([swapped, problem]).toEqual([swapped, 'mistyped']);
            caught += 1;
          }
        }
      }
    }
    expect(missed).toBeGreaterThanOrEqual(15 * 2);
    expect(caught).toBeGreaterThanOrEqual(15 * (32 * 31 - 2));
  });

  it('catch letters Crockford base32 leaves out, and lower case', () => {
    expect(pseudonymProblem(`${sample.slice(0, 5)}O${sample.slice(6)}`)).toBe('mistyped');
    expect(pseudonymProblem(sample.toLowerCase().replace('ct-', 'CT-'))).toBe('mistyped');
  });

  it('tell ids chosen by clients (before cannatrace issued them) from issued ones', () => {
    for (const chosen of [
      'PSN-ALPHA-01',
      '185072A12345678',
      '1-85-07-75-123-456-78',
      '785077512345678',
      'jean_dupont_1985-07-12',
    ]) {
      expect([chosen, pseudonymProblem(chosen)]).toEqual([chosen, 'not_issued']);
      expect(isIssuedPseudonym(chosen)).toBe(false);
    }
  });
});
