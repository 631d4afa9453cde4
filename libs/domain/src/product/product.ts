import type { OrganisationState } from '../organisation/organisation.js';
import type { Decider } from '../shared/decider.js';
import { duplicate, notFound, refuse } from '../shared/domain-error.js';
import {
  DEFAULT_LIMITS,
  DEFAULT_TOLERANCE_PERCENT,
  presumedNarcotic,
  type ContaminantLimits,
  type ContentUnit,
  type Form,
  type Ratio,
} from './specification.js';

export const productStream = (gtin: string) => `product-${gtin}`;

/** The product a stream is, read back from `productStream`'s name; undefined for others. */
export function productOf(stream: string): string | undefined {
  return stream.startsWith('product-') ? stream.slice('product-'.length) || undefined : undefined;
}

export interface ProductSpecification {
  gtin: string;
  name: string;
  supplierId: string;
  exploitantId: string;
  form: Form;
  ratio: Ratio;
  declared: { thc: number; cbd: number };
  contentUnit: ContentUnit;
  tolerancePercent: number;
  limits: ContaminantLimits;
  narcotic: boolean;
}

/** What ANSM gives; tolerance, limits and narcotic status default from the form and content when absent. */
export type AuthoriseProductData = Omit<ProductSpecification, 'tolerancePercent' | 'limits' | 'narcotic'> &
  Partial<Pick<ProductSpecification, 'tolerancePercent' | 'limits' | 'narcotic'>>;

export type ProductCommand =
  | { type: 'AuthoriseProduct'; data: AuthoriseProductData; supplier: OrganisationState; exploitant: OrganisationState }
  | {
      type: 'ChangeSpecification';
      data: { tolerancePercent?: number; limits?: ContaminantLimits; narcotic?: boolean };
    };

export type ProductEvent =
  | { type: 'ProductAuthorised'; data: ProductSpecification }
  | {
      type: 'ProductSpecificationChanged';
      data: { tolerancePercent: number; limits: ContaminantLimits; narcotic: boolean };
    };

export type ProductState = { status: 'unknown' } | ({ status: 'authorised' } & ProductSpecification);

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: () => ({ status: 'unknown' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ProductAuthorised':
        return { status: 'authorised', ...event.data };
      case 'ProductSpecificationChanged':
        return state.status === 'authorised' ? { ...state, ...event.data } : state;
    }
  },
  decide: (command, state) => {
    switch (command.type) {
      case 'AuthoriseProduct':
        return authorise(command, state);
      case 'ChangeSpecification': {
        if (state.status !== 'authorised') throw notFound('product_unknown', 'the product is not in the catalogue');
        const data = {
          tolerancePercent: command.data.tolerancePercent ?? state.tolerancePercent,
          limits: command.data.limits ?? state.limits,
          narcotic: command.data.narcotic ?? state.narcotic,
        };
        return [{ type: 'ProductSpecificationChanged', data }];
      }
    }
  },
};

function authorise(
  command: Extract<ProductCommand, { type: 'AuthoriseProduct' }>,
  state: ProductState,
): ProductEvent[] {
  const { data, supplier, exploitant } = command;
  if (state.status === 'authorised') throw duplicate('product_exists', `GTIN ${data.gtin} is already in the catalogue`);
  if (supplier.status !== 'registered' || supplier.kind !== 'supplier') {
    throw refuse('supplier_unknown', `${data.supplierId} is not a registered supplier`);
  }
  if (exploitant.status !== 'registered' || exploitant.kind !== 'exploitant') {
    throw refuse('exploitant_unknown', `${data.exploitantId} is not a registered exploitant`);
  }
  const { thc, cbd } = data.declared;
  if (data.ratio === 'THC_DOMINANT' && !(thc > cbd))
    throw refuse('ratio_mismatch', 'a THC-dominant product declares more THC than CBD');
  if (data.ratio === 'CBD_DOMINANT' && !(cbd > thc))
    throw refuse('ratio_mismatch', 'a CBD-dominant product declares more CBD than THC');
  if (data.ratio === 'BALANCED' && !(thc <= 2 * cbd && cbd <= 2 * thc)) {
    throw refuse('ratio_mismatch', 'a balanced product declares THC and CBD within a factor of 2 of each other');
  }
  const specification: ProductSpecification = {
    gtin: data.gtin,
    name: data.name,
    supplierId: data.supplierId,
    exploitantId: data.exploitantId,
    form: data.form,
    ratio: data.ratio,
    declared: { thc, cbd },
    contentUnit: data.contentUnit,
    tolerancePercent: data.tolerancePercent ?? DEFAULT_TOLERANCE_PERCENT,
    limits: data.limits ?? DEFAULT_LIMITS[data.form],
    narcotic: data.narcotic ?? presumedNarcotic(data.contentUnit, thc),
  };
  return [{ type: 'ProductAuthorised', data: specification }];
}
