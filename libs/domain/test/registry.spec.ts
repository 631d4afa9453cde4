import { describe, expect, it } from '@jest/globals';
import {
  fold,
  organisationDecider,
  productDecider,
  professionalDecider,
  presumedNarcotic,
  type ProductEvent,
} from '#domain';
import { exploitant, flowerSpec, supplier } from './fixtures.js';
import { specification } from './given-when-then.js';

describe('organisation decider', () => {
  const given = specification(organisationDecider);
  const details = { id: 'PH-1', kind: 'community_pharmacy' as const, name: 'Pharmacie du Centre', country: 'FR' };
  it('registers an organisation once', () => {
    given([])
      .when({ type: 'RegisterOrganisation', data: details })
      .then([{ type: 'OrganisationRegistered', data: details }]);
    given([{ type: 'OrganisationRegistered', data: details }])
      .when({ type: 'RegisterOrganisation', data: details })
      .thenRefused('conflict', 'organisation_exists');
  });
  it('records a valid GLN and refuses an invalid one', () => {
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, gln: '3760000000017' } })
      .then([{ type: 'OrganisationRegistered', data: { ...details, gln: '3760000000017' } }]);
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, gln: '3760000000018' } })
      .thenRefused('rule', 'gln_invalid');
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, gln: '376000000001' } })
      .thenRefused('rule', 'gln_invalid');
  });
  it("refuses cannatrace's own organisation id, whatever its case", () => {
    for (const id of ['cannatrace', 'CannaTrace'])
      given([])
        .when({ type: 'RegisterOrganisation', data: { ...details, id } })
        .thenRefused('rule', 'organisation_id_reserved');
  });
  it("records a French site's region and refuses an unknown region or one outside France", () => {
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, region: '84' } })
      .then([{ type: 'OrganisationRegistered', data: { ...details, region: '84' } }]);
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, region: '99' as '84' } })
      .thenRefused('rule', 'region_unknown');
    given([])
      .when({ type: 'RegisterOrganisation', data: { ...details, country: 'NL', region: '11' } })
      .thenRefused('rule', 'region_outside_france');
  });
});

describe('professional decider', () => {
  const given = specification(professionalDecider);
  const centre = {
    status: 'registered' as const,
    id: 'CHU-1',
    kind: 'reference_centre' as const,
    name: 'CHU',
    country: 'FR',
  };
  const pharmacy = {
    status: 'registered' as const,
    id: 'PH-1',
    kind: 'community_pharmacy' as const,
    name: 'PH',
    country: 'FR',
  };
  const prescriber = {
    rpps: '10000000001',
    kind: 'prescriber' as const,
    name: 'Dr A',
    organisationId: 'CHU-1',
    trainedOn: '2026-01-05',
  };
  it('records reference-centre membership from the organisation', () =>
    given([])
      .when({ type: 'RegisterProfessional', data: prescriber, organisation: centre })
      .then([{ type: 'ProfessionalRegistered', data: { ...prescriber, referenceCentre: true } }]));
  it('keeps an untrained professional as not trained', () =>
    given([])
      .when({
        type: 'RegisterProfessional',
        data: { ...prescriber, kind: 'pharmacist', organisationId: 'PH-1', trainedOn: null },
        organisation: pharmacy,
      })
      .then([
        {
          type: 'ProfessionalRegistered',
          data: { ...prescriber, kind: 'pharmacist', organisationId: 'PH-1', trainedOn: null, referenceCentre: false },
        },
      ]));
  it('refuses an unknown organisation, a pharmacist outside a pharmacy, a prescriber in industry, a second registration', () => {
    given([])
      .when({ type: 'RegisterProfessional', data: prescriber, organisation: { status: 'unknown' } })
      .thenRefused('rule', 'organisation_unknown');
    given([])
      .when({ type: 'RegisterProfessional', data: { ...prescriber, kind: 'pharmacist' }, organisation: centre })
      .thenRefused('rule', 'pharmacist_needs_pharmacy');
    given([])
      .when({ type: 'RegisterProfessional', data: prescriber, organisation: supplier })
      .thenRefused('rule', 'prescriber_needs_care_setting');
    given([{ type: 'ProfessionalRegistered', data: { ...prescriber, referenceCentre: true } }])
      .when({ type: 'RegisterProfessional', data: prescriber, organisation: centre })
      .thenRefused('conflict', 'professional_exists');
  });
});

describe('product decider', () => {
  const given = specification(productDecider);
  const { tolerancePercent: _t, limits: _l, narcotic: _n, ...request } = flowerSpec;
  const authorise = { type: 'AuthoriseProduct' as const, data: request, supplier, exploitant };
  const authorised: ProductEvent = { type: 'ProductAuthorised', data: flowerSpec };

  it("authorises a product with its form's default limits and 10 % tolerance", () =>
    given([]).when(authorise).then([authorised]));
  it('refuses a duplicate GTIN, an unknown supplier or exploitant, a ratio that contradicts the content', () => {
    given([authorised]).when(authorise).thenRefused('conflict', 'product_exists');
    given([])
      .when({ ...authorise, supplier: exploitant })
      .thenRefused('rule', 'supplier_unknown');
    given([])
      .when({ ...authorise, exploitant: { status: 'unknown' } })
      .thenRefused('rule', 'exploitant_unknown');
    given([])
      .when({ ...authorise, data: { ...request, declared: { thc: 1, cbd: 20 } } })
      .thenRefused('rule', 'ratio_mismatch');
    given([])
      .when({ ...authorise, data: { ...request, ratio: 'BALANCED' } })
      .thenRefused('rule', 'ratio_mismatch');
  });
  it('lets ANSM change the tolerance and limits; the product then carries them', () => {
    const changed: ProductEvent = {
      type: 'ProductSpecificationChanged',
      data: { tolerancePercent: 15, limits: { lead: 3 }, narcotic: true },
    };
    given([authorised])
      .when({ type: 'ChangeSpecification', data: { tolerancePercent: 15, limits: { lead: 3 } } })
      .then([changed]);
    expect(fold(productDecider, [authorised, changed])).toMatchObject({ tolerancePercent: 15, limits: { lead: 3 } });
  });
  it('presumes narcotic status from THC: 0.30 % is the line', () => {
    expect(presumedNarcotic('percent', 0.3)).toBe(false);
    expect(presumedNarcotic('percent', 0.31)).toBe(true);
    expect(presumedNarcotic('mg_per_ml', 3)).toBe(false);
    expect(presumedNarcotic('mg_per_ml', 3.1)).toBe(true);
    expect(presumedNarcotic('mg_per_unit', 0.1)).toBe(true);
  });
});
