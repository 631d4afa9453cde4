import {
  registerDecider,
  type OrganisationState,
  type PrescriptionState,
  type ProfessionalState,
  type ProductState,
  type ProductSpecification,
  type RegisteredBatch,
  type RegisterEvent,
} from '#domain';
import { specification } from './given-when-then.js';
import { DEFAULT_LIMITS } from '#domain';

export const supplier: OrganisationState = {
  status: 'registered',
  id: 'SUP-1',
  kind: 'supplier',
  name: 'Supplier',
  country: 'DK',
};
export const exploitant: OrganisationState = {
  status: 'registered',
  id: 'EXP-1',
  kind: 'exploitant',
  name: 'Exploitant',
  country: 'FR',
};

export const flowerSpec: ProductSpecification = {
  gtin: '03400930000014',
  name: 'Fleurs THC 20',
  supplierId: 'SUP-1',
  exploitantId: 'EXP-1',
  form: 'dried_flower',
  ratio: 'THC_DOMINANT',
  declared: { thc: 20, cbd: 1 },
  contentUnit: 'percent',
  tolerancePercent: 10,
  limits: DEFAULT_LIMITS.dried_flower,
  narcotic: true,
};
export const flower: ProductState = { status: 'authorised', ...flowerSpec };

/** Flower results that meet every default limit, exactly on the declared content. */
export const conformingFlowerResults = {
  thc: 20,
  cbd: 1,
  cbn: 0.5,
  lossOnDrying: 10,
  foreignMatter: 1,
  arsenic: 0.1,
  cadmium: 0.5,
  lead: 1,
  mercury: 0.05,
  aflatoxinB1: 1,
  aflatoxinsTotal: 2,
  tamc: 1000,
  tymc: 100,
};

/** Lot L1 of the flower product, 100 packs, conforming and released. */
export const releasedBatch: RegisteredBatch = {
  status: 'registered',
  gtin: '03400930000014',
  lot: 'L1',
  quantity: 100,
  manufacturedOn: '2026-01-10',
  expiresOn: '2027-01-31',
  supplierId: 'SUP-1',
  exploitantId: 'EXP-1',
  conformant: true,
  failures: [],
  outOfSpecification: null,
  released: true,
  onHold: false,
  recalled: false,
  notifiedSites: [],
};

/** The first event of every monthly register book: a register's rules apply only in an open book. */
export const bookOpened = (month = '2026-02'): RegisterEvent => ({
  type: 'RegisterBookOpened',
  data: {
    month,
    previousBook: null,
    carried: { stock: [], releasesEntered: [], received: [], fills: [], serials: [] },
  },
});

/** Given/when/then for a register: the past events follow the opening of the book. */
export const givenRegister = (events: RegisterEvent[]) => specification(registerDecider)([bookOpened(), ...events]);

/** A trained pharmacist of PH-1. */
export const pharmacist: ProfessionalState = {
  status: 'registered',
  rpps: '10000000002',
  kind: 'pharmacist',
  name: 'P',
  organisationId: 'PH-1',
  trainedOn: '2026-01-05',
  referenceCentre: false,
};

/** A 28-day prescription of `quantity` packs at PH-1, issued on `issuedOn`. */
export const issuedPrescription = (quantity: number, issuedOn: string): PrescriptionState => ({
  status: 'issued',
  securePrescriptionNumber: 'RX-1',
  patientId: 'PSEUDO-A',
  indication: 'EPILEPSY',
  gtin: '03400930000014',
  dailyDose: 0.5,
  durationDays: 28,
  quantity,
  pharmacyId: 'PH-1',
  issuedOn,
  renewalOf: null,
  prescriberRpps: '10000000001',
});
