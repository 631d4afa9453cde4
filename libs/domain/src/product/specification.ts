export const FORMS = ['dried_flower', 'oil', 'capsule'] as const;
export type Form = (typeof FORMS)[number];
export const RATIOS = ['THC_DOMINANT', 'BALANCED', 'CBD_DOMINANT'] as const;
export type Ratio = (typeof RATIOS)[number];
export const CONTENT_UNITS = ['percent', 'mg_per_ml', 'mg_per_unit'] as const;
export type ContentUnit = (typeof CONTENT_UNITS)[number];

export const CONTAMINANTS = [
  'cbn',
  'lossOnDrying',
  'foreignMatter',
  'arsenic',
  'cadmium',
  'lead',
  'mercury',
  'aflatoxinB1',
  'aflatoxinsTotal',
  'tamc',
  'tymc',
] as const;
export type Contaminant = (typeof CONTAMINANTS)[number];
/** Upper limit per contaminant; an analyte listed here must be measured for a batch to conform. */
export type ContaminantLimits = Partial<Record<Contaminant, number>>;

/**
 * Defaults per form. Flowers: Ph. Eur. monograph 3028 (CBN and loss on drying in %, metals in ppm) and the
 * herbal-drug rules (aflatoxins in µg/kg, microbial counts in CFU/g). Oils and capsules: only what ANSM attaches.
 */
export const DEFAULT_LIMITS: Record<Form, ContaminantLimits> = {
  dried_flower: {
    lossOnDrying: 12.0,
    cbn: 1.0,
    foreignMatter: 2.0,
    arsenic: 0.2,
    cadmium: 1.0,
    lead: 5.0,
    mercury: 0.1,
    aflatoxinB1: 2,
    aflatoxinsTotal: 4,
    tamc: 1e5,
    tymc: 1e4,
  },
  oil: {},
  capsule: {},
};

export const DEFAULT_TOLERANCE_PERCENT = 10;

/** THC above 0.30 % makes a product a narcotic (stupéfiant). */
export const NARCOTIC_THC_PERCENT = 0.3;

/**
 * Whether a product is a narcotic when ANSM does not say. Flowers declare % w/w; an oil's mg/mL is read as
 * % w/v (1 mL taken as 1 g, so 0.30 % is 3 mg/mL); a capsule's mg per unit says nothing without its mass, so it
 * counts as a narcotic until ANSM states otherwise.
 */
export function presumedNarcotic(contentUnit: ContentUnit, thc: number): boolean {
  switch (contentUnit) {
    case 'percent':
      return thc > NARCOTIC_THC_PERCENT;
    case 'mg_per_ml':
      return thc / 10 > NARCOTIC_THC_PERCENT;
    case 'mg_per_unit':
      return true;
  }
}
