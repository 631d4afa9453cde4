import { describe, expect, it } from '@jest/globals';
import { assessAnalysis, CONTAMINANTS, DEFAULT_LIMITS } from '#domain';
import { conformingFlowerResults, flowerSpec } from './fixtures.js';

describe('analysis conformity', () => {
  it('conforms when every analyte is within its limit', () => {
    expect(assessAnalysis(flowerSpec, conformingFlowerResults)).toEqual({ conformant: true, failures: [] });
  });

  it('accepts cannabinoids exactly on the tolerance bounds (18 and 22 for 20 ± 10 %)', () => {
    expect(assessAnalysis(flowerSpec, { ...conformingFlowerResults, thc: 18, cbd: 1.1 }).conformant).toBe(true);
    expect(assessAnalysis(flowerSpec, { ...conformingFlowerResults, thc: 22, cbd: 0.9 }).conformant).toBe(true);
  });

  it.each([
    ['thc', 17.99, 18, 'below_declared_tolerance'],
    ['thc', 22.01, 22, 'above_declared_tolerance'],
    ['cbd', 0.89, 0.9, 'below_declared_tolerance'],
    ['cbd', 1.11, 1.1, 'above_declared_tolerance'],
  ] as const)('fails %s at %p against %p', (analyte, value, limit, rule) => {
    expect(assessAnalysis(flowerSpec, { ...conformingFlowerResults, [analyte]: value })).toEqual({
      conformant: false,
      failures: [{ analyte, value, limit, rule }],
    });
  });

  it.each(CONTAMINANTS.map((analyte): [string, number] => [analyte, DEFAULT_LIMITS.dried_flower[analyte] as number]))(
    'fails %s just above its flower limit %p, and passes on it',
    (analyte, limit) => {
      expect(assessAnalysis(flowerSpec, { ...conformingFlowerResults, [analyte]: limit }).conformant).toBe(true);
      const over = limit * 1.01;
      expect(assessAnalysis(flowerSpec, { ...conformingFlowerResults, [analyte]: over }).failures).toEqual([
        { analyte, value: over, limit, rule: 'above_contaminant_limit' },
      ]);
    },
  );

  it('lists a required contaminant that was not measured, and every failure at once', () => {
    const { lead: _lead, ...withoutLead } = conformingFlowerResults;
    const assessment = assessAnalysis(flowerSpec, { ...withoutLead, thc: 30, tamc: 1e6 });
    expect(assessment.conformant).toBe(false);
    expect(assessment.failures).toEqual([
      { analyte: 'thc', value: 30, limit: 22, rule: 'above_declared_tolerance' },
      { analyte: 'lead', value: null, limit: 5, rule: 'missing_result' },
      { analyte: 'tamc', value: 1e6, limit: 1e5, rule: 'above_contaminant_limit' },
    ]);
  });

  it('checks an oil against its cannabinoids and only the limits attached to it', () => {
    const oil = { declared: { thc: 10, cbd: 10 }, tolerancePercent: 5, limits: { lead: 0.5 } };
    expect(assessAnalysis(oil, { thc: 10.4, cbd: 9.6, lead: 0.4, tamc: 1e9 })).toEqual({
      conformant: true,
      failures: [],
    });
    expect(assessAnalysis(oil, { thc: 10.6, cbd: 10, lead: 0.4 }).failures).toEqual([
      { analyte: 'thc', value: 10.6, limit: 10.5, rule: 'above_declared_tolerance' },
    ]);
  });
});
