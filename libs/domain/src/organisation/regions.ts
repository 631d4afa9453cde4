/**
 * The regions of France by their INSEE code (the 2016 regions and the five overseas regions). An organisation's
 * region routes its vigilance reports to the regional centres and breaks the regulator's figures down by region.
 */
export const REGIONS = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': "Provence-Alpes-Côte d'Azur",
  '94': 'Corse',
} as const;

export type Region = keyof typeof REGIONS;
export const REGION_CODES = Object.keys(REGIONS) as Region[];

export const isRegion = (code: string): code is Region => Object.hasOwn(REGIONS, code);
