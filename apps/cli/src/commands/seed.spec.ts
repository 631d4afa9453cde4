import { describe, expect, it } from '@jest/globals';
import { GS, parsePackCode } from '#gs1';
import { DEMO_EXPIRES_ON, DEMO_GTIN, demoScan } from './seed.js';

describe('the demo seed', () => {
  it("encodes the demo batch's own expiry in its pack codes (defect 3)", () => {
    const code = parsePackCode(demoScan('DEMO-A', 'SN0001').replace('|', GS));
    expect(code).toMatchObject({ gtin: DEMO_GTIN, lot: 'DEMO-A', serial: 'SN0001', expiry: DEMO_EXPIRES_ON });
    expect(DEMO_EXPIRES_ON).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
