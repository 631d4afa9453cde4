import { glnProblem } from '#gs1';
import type { Decider } from '../shared/decider.js';
import { duplicate, refuse } from '../shared/domain-error.js';
import { isRegion, type Region } from './regions.js';

export const ORGANISATION_KINDS = [
  'supplier',
  'exploitant',
  'hospital_pharmacy',
  'community_pharmacy',
  'reference_centre',
  'laboratory',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const PHARMACY_KINDS: readonly OrganisationKind[] = ['hospital_pharmacy', 'community_pharmacy'];

export const organisationStream = (id: string) => `organisation-${id}`;

/** The organisation of the events cannatrace itself raises (alerts, vigilance signals). */
export const SYSTEM_ORGANISATION = 'cannatrace';

/** The organisation a stream is, read back from `organisationStream`'s name; undefined for others. */
export function organisationOf(stream: string): string | undefined {
  return stream.startsWith('organisation-') ? stream.slice('organisation-'.length) || undefined : undefined;
}

export interface OrganisationDetails {
  id: string;
  kind: OrganisationKind;
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The GS1 Global Location Number of the organisation's site, where it has one. */
  gln?: string;
  /** INSEE code of the French region the site is in (absent on organisations registered before regions). */
  region?: Region;
}

export type OrganisationCommand = { type: 'RegisterOrganisation'; data: OrganisationDetails };
export type OrganisationEvent = { type: 'OrganisationRegistered'; data: OrganisationDetails };

export type OrganisationState = { status: 'unknown' } | ({ status: 'registered' } & OrganisationDetails);

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (_state, event) => ({ status: 'registered', ...event.data }),
  decide: (command, state) => {
    if (state.status === 'registered') {
      throw duplicate('organisation_exists', `organisation ${command.data.id} is already registered`);
    }
    // Events cannatrace raises itself carry this organisation: no registered one may bear it and so see them.
    if (command.data.id.toLowerCase() === SYSTEM_ORGANISATION)
      throw refuse('organisation_id_reserved', `the id ${command.data.id} is cannatrace's own`);
    const { gln, region, country } = command.data;
    if (gln !== undefined && glnProblem(gln))
      throw refuse('gln_invalid', `GLN ${gln} is not 13 digits with a valid GS1 check digit`);
    if (region !== undefined && !isRegion(region))
      throw refuse('region_unknown', `region ${region} is not the INSEE code of a French region`);
    if (region !== undefined && country !== 'FR')
      throw refuse('region_outside_france', `a region is given only to organisations in France, not ${country}`);
    return [{ type: 'OrganisationRegistered', data: command.data }];
  },
};

/** Countries of the European Union: a shipment from elsewhere needs an ANSM import authorisation. */
export const EU_COUNTRIES = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);
