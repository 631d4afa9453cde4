import type { Region } from '../organisation/regions.js';

export const VIGILANCE_KINDS = ['adverse_effect', 'abuse_dependence'] as const;
export type VigilanceKind = (typeof VIGILANCE_KINDS)[number];

/** A regional pharmacovigilance centre (CRPV) or addictovigilance centre (CEIP-A). */
export interface VigilanceCentre {
  kind: 'CRPV' | 'CEIP-A';
  id: string;
  name: string;
}

const crpv = (city: string, id: string): VigilanceCentre => ({
  kind: 'CRPV',
  id: `CRPV-${id}`,
  name: `CRPV de ${city}`,
});
const ceipa = (city: string, id: string): VigilanceCentre => ({
  kind: 'CEIP-A',
  id: `CEIPA-${id}`,
  name: `CEIP-A de ${city}`,
});

/**
 * The centre each region's reports go to: one CRPV and one CEIP-A per region. Several regions have more than one
 * CRPV (Paris, Grand Est, Occitanie...): the table names the one at the region's seat. It was written from memory
 * of the French network and MUST be checked against ANSM's list of centres before production (docs/domain.md);
 * the overseas rows (Guyane to the Antilles, Mayotte to La Réunion) and the CEIP-A of regions without their own
 * (Centre-Val de Loire, Bourgogne-Franche-Comté, Bretagne, Corse) are the least certain.
 */
export const VIGILANCE_CENTRES: Record<Region, { CRPV: VigilanceCentre; 'CEIP-A': VigilanceCentre }> = {
  '01': { CRPV: crpv('Pointe-à-Pitre', 'POINTE-A-PITRE'), 'CEIP-A': ceipa('Fort-de-France', 'FORT-DE-FRANCE') },
  '02': { CRPV: crpv('Fort-de-France', 'FORT-DE-FRANCE'), 'CEIP-A': ceipa('Fort-de-France', 'FORT-DE-FRANCE') },
  '03': { CRPV: crpv('Fort-de-France', 'FORT-DE-FRANCE'), 'CEIP-A': ceipa('Fort-de-France', 'FORT-DE-FRANCE') },
  '04': { CRPV: crpv('La Réunion', 'LA-REUNION'), 'CEIP-A': ceipa('La Réunion', 'LA-REUNION') },
  '06': { CRPV: crpv('La Réunion', 'LA-REUNION'), 'CEIP-A': ceipa('La Réunion', 'LA-REUNION') },
  '11': { CRPV: crpv('Paris', 'PARIS'), 'CEIP-A': ceipa('Paris', 'PARIS') },
  '24': { CRPV: crpv('Tours', 'TOURS'), 'CEIP-A': ceipa('Poitiers', 'POITIERS') },
  '27': { CRPV: crpv('Dijon', 'DIJON'), 'CEIP-A': ceipa('Nancy', 'NANCY') },
  '28': { CRPV: crpv('Caen', 'CAEN'), 'CEIP-A': ceipa('Caen', 'CAEN') },
  '32': { CRPV: crpv('Lille', 'LILLE'), 'CEIP-A': ceipa('Lille', 'LILLE') },
  '44': { CRPV: crpv('Nancy', 'NANCY'), 'CEIP-A': ceipa('Nancy', 'NANCY') },
  '52': { CRPV: crpv('Nantes', 'NANTES'), 'CEIP-A': ceipa('Nantes', 'NANTES') },
  '53': { CRPV: crpv('Rennes', 'RENNES'), 'CEIP-A': ceipa('Nantes', 'NANTES') },
  '75': { CRPV: crpv('Bordeaux', 'BORDEAUX'), 'CEIP-A': ceipa('Bordeaux', 'BORDEAUX') },
  '76': { CRPV: crpv('Toulouse', 'TOULOUSE'), 'CEIP-A': ceipa('Toulouse', 'TOULOUSE') },
  '84': { CRPV: crpv('Lyon', 'LYON'), 'CEIP-A': ceipa('Lyon', 'LYON') },
  '93': { CRPV: crpv('Marseille', 'MARSEILLE'), 'CEIP-A': ceipa('Marseille', 'MARSEILLE') },
  '94': { CRPV: crpv('Marseille', 'MARSEILLE'), 'CEIP-A': ceipa('Marseille', 'MARSEILLE') },
};

/** Adverse effects go to the region's CRPV, abuse and dependence to its CEIP-A. */
export function centreFor(kind: VigilanceKind, region: Region): VigilanceCentre {
  const centres = VIGILANCE_CENTRES[region];
  return kind === 'adverse_effect' ? centres.CRPV : centres['CEIP-A'];
}
