import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { AI_TABLE, aiAt, encodeElementString, GS, Gs1ParseError, parseElementString } from './index.js';
import { aiValue, ALL_DEFINITIONS, elementList, REFERENCE_YEAR } from '../test/arbitraries.js';

const GTIN = '03400930000014';
const parse = (scan: string) => parseElementString(scan, REFERENCE_YEAR);

function errorOf(scan: string): Gs1ParseError {
  try {
    parse(scan);
  } catch (error) {
    if (error instanceof Gs1ParseError) return error;
    throw error;
  }
  throw new Error(`${JSON.stringify(scan)} parsed`);
}

describe('the AI table', () => {
  it('holds every AI of the GS1 General Specifications', () => {
    expect(AI_TABLE.size).toBe(541);
    expect([...AI_TABLE.keys()].filter((ai) => ai.startsWith('31')).length).toBe(42);
  });

  it('knows which AIs need a separator after them', () => {
    const needs = (ai: string) => AI_TABLE.get(ai)?.separatorRequired;
    expect(['00', '01', '11', '15', '17', '20', '3103', '414'].map(needs)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(['10', '21', '422', '7003', '8008', '711', '91'].map(needs)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('finds the one AI at a position, AIs being prefix-free', () => {
    const ais = [...AI_TABLE.keys()];
    expect(ais.flatMap((ai) => ais.filter((other) => other !== ai && other.startsWith(ai)))).toEqual([]);
    expect(ais.filter((ai) => aiAt(`xx${ai}123`, 2)?.ai !== ai)).toEqual([]);
  });
});

describe('GS1 element strings', () => {
  it.each([
    [`01${GTIN}0512`, 'unknown_ai', 16, /no GS1 application identifier starts with "0512" at position 16/],
    [`01${GTIN}42225${GS}10L`, 'truncated', 19, /\(422\) country of origin needs 3 characters, found 2/],
    [`01${GTIN}4222X0${GS}10L`, 'bad_characters', 20, /allows digits only there, found "X" at position 20/],
    [
      `01${GTIN}4222501${GS}10L`,
      'missing_separator',
      22,
      /\(422\) country of origin must be followed by a GS separator/,
    ],
    [`01${GTIN}70032812311560`, 'bad_value', 26, /time 1560 is not a time of day/],
    [`01${GTIN}7003281231`, 'truncated', 20, /needs 10 characters, found 6/],
    [`01${GTIN}4321${'2'}`, 'bad_value', 20, /flag 2 is neither 0 nor 1/],
    [`01${GTIN}17280200${GS}7006280200`, 'bad_date', 29, /day 00 is not allowed in this AI/],
    [
      `00123456789012345676`,
      'bad_check_digit',
      19,
      /\(00\) SSCC, serial shipping container code 123456789012345676: check digit 6 is wrong \(12345678901234567 needs 5\)/,
    ],
    [`01${GTIN}8007FR7630006000011234567890188`, 'bad_check_digit', 22, /IBAN/],
    [`01${GTIN}800603400930000014${'0302'}`, 'bad_value', 34, /piece 3 is more than the total 2/],
    [`800801`, 'truncated', 4, /at least 8 characters/],
  ])('refuses %j: %s at %d', (scan, code, position, message) => {
    const error = errorOf(scan);
    expect([error.code, error.position]).toEqual([code, position]);
    expect(error.message).toMatch(message);
  });

  it('reads back every list of valid elements of the whole table, from the GS1 rules', () => {
    fc.assert(
      fc.property(elementList, fc.boolean(), (elements, prefix) => {
        const scan = encodeElementString(elements, { symbologyPrefix: prefix });
        const predefinedFirst = [
          ...elements.filter((e) => !AI_TABLE.get(e.ai)?.separatorRequired),
          ...elements.filter((e) => AI_TABLE.get(e.ai)?.separatorRequired),
        ];
        expect(parse(scan).map(({ ai, value }) => ({ ai, value }))).toEqual(predefinedFirst);
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts a valid value of every AI of the table', () => {
    for (const definition of ALL_DEFINITIONS) {
      fc.assert(
        fc.property(aiValue(definition), (value) => {
          expect(parse(definition.ai + value)).toEqual([{ ai: definition.ai, value, position: definition.ai.length }]);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('refuses a wrong check digit anywhere in the table, at the check digit', () => {
    const withCheckDigit = ALL_DEFINITIONS.filter((d) => d.parts.some((p) => p.checks.includes('mod10')));
    fc.assert(
      fc.property(
        fc
          .constantFrom(...withCheckDigit)
          .chain((d) => fc.tuple(fc.constant(d), aiValue(d), fc.integer({ min: 1, max: 9 }))),
        ([definition, value, shift]) => {
          const partIndex = definition.parts.findIndex((p) => p.checks.includes('mod10'));
          const at =
            definition.parts.slice(0, partIndex).reduce((sum, p) => sum + p.max, 0) +
            definition.parts[partIndex].max -
            1;
          const wrong = value.slice(0, at) + ((Number(value[at]) + shift) % 10) + value.slice(at + 1);
          const error = errorOf(definition.ai + wrong);
          expect([error.code, error.position]).toEqual(['bad_check_digit', definition.ai.length + at]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses an impossible month in every date field of the table, at the field', () => {
    const dated = ALL_DEFINITIONS.filter((d) => d.parts[0].checks.some((c) => c === 'date' || c === 'date0'));
    fc.assert(
      fc.property(
        fc.constantFrom(...dated).chain((d) => fc.tuple(fc.constant(d), aiValue(d), fc.integer({ min: 13, max: 99 }))),
        ([definition, value, month]) => {
          const error = errorOf(definition.ai + value.slice(0, 2) + month + value.slice(4));
          expect([error.code, error.position]).toEqual(['bad_date', definition.ai.length]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses what no AI starts with, saying where', () => {
    const unknown = fc.stringMatching(/^\d{4}$/).filter((digits) => aiAt(digits, 0) === undefined);
    fc.assert(
      fc.property(unknown, (digits) => {
        expect(errorOf(`01${GTIN}${digits}XYZ`)).toMatchObject({ code: 'unknown_ai', position: 16 });
      }),
      { numRuns: 1000 },
    );
  });
});
