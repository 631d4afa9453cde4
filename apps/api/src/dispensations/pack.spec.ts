import { describe, expect, it } from '@jest/globals';
import { ProblemException } from '../problem/problem.js';
import { packOf } from './pack.js';

const GTIN = '03400930000014';

describe('the pack a dispensation names', () => {
  it('reads a GS1 Digital Link URI as it reads a DataMatrix (defect 4)', () => {
    expect(packOf({ scan: `https://id.gs1.org/01/${GTIN}/10/L%281%29/21/S1?17=271231` })).toEqual({
      gtin: GTIN,
      lot: 'L(1)',
      serial: 'S1',
      scannedExpiry: '2027-12-31',
    });
    expect(packOf({ scan: `]d201${GTIN}17271231` + `10L1\x1d712CN-9\x1d21S1` })).toEqual({
      gtin: GTIN,
      lot: 'L1',
      serial: 'S1',
      scannedExpiry: '2027-12-31',
    });
  });

  it('answers a 400 problem that says what is wrong with the scan', () => {
    expect(problemOf(`https://id.gs1.org/01/${GTIN}/21/S1`)).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/no \(10\) lot/),
    });
    expect(problemOf(`https://id.gs1.org/01/${GTIN}/10/L1?17=271301`)).toMatchObject({
      status: 400,
      detail: expect.stringMatching(/\(17\) expiry date 271301: there is no month 13/),
    });
  });
});

function problemOf(scan: string) {
  try {
    packOf({ scan });
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error(`${scan} was read`);
}
