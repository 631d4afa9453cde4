/** The circuit's vocabulary in French: roles, event types, register movements, indications, analytes. */
export const ROLES: Record<string, string> = {
  ansm: 'ANSM',
  supplier: 'Fournisseur',
  exploitant: 'Exploitant',
  laboratory: 'Laboratoire',
  pharmacist: 'Pharmacien',
  prescriber: 'Prescripteur',
};

export const EVENTS: Record<string, string> = {
  OrganisationRegistered: 'Établissement inscrit',
  ProfessionalRegistered: 'Professionnel inscrit',
  ProductAuthorised: 'Produit autorisé',
  ProductSpecificationChanged: 'Spécification du produit modifiée',
  BatchRegistered: 'Lot enregistré',
  AnalysisRecorded: 'Analyse enregistrée',
  InvestigationReported: 'Investigation rapportée',
  BatchReleased: 'Lot libéré',
  BatchPutOnHold: 'Lot consigné',
  BatchHoldLifted: 'Consignation levée',
  BatchRecalled: 'Lot rappelé',
  RecallSiteNotified: 'Site notifié du rappel',
  RecallAcknowledged: 'Rappel pris en compte',
  RecalledStockQuarantined: 'Boîtes rappelées en quarantaine',
  StockEntered: 'Entrée en stock',
  ShipmentDispatched: 'Livraison expédiée',
  ShipmentReceived: 'Livraison réceptionnée',
  PrescriptionDispensed: 'Délivrance',
  LossDeclared: 'Perte ou vol déclaré',
  StockDestroyed: 'Destruction',
  InventoryCounted: 'Inventaire',
  RegisterBookOpened: 'Registre mensuel ouvert',
  RegisterBookClosed: 'Registre mensuel clos',
  PatientIncluded: 'Patient inclus',
  InclusionCapSet: 'Plafond d’inclusions fixé',
  PrescriptionIssued: 'Ordonnance émise',
  PrescriptionCancelled: 'Ordonnance annulée',
};
export const eventName = (type: string): string => EVENTS[type] ?? `Événement ${type}`;

export const MOVEMENTS: Record<string, string> = {
  release: 'Libération',
  dispatch: 'Expédition',
  return: 'Retour',
  receipt: 'Réception',
  dispensation: 'Délivrance',
  loss: 'Perte',
  theft: 'Vol',
  destruction: 'Destruction',
  inventory: 'Inventaire',
};

export const INDICATIONS: Record<string, string> = {
  NEUROPATHIC_PAIN: 'Douleurs neuropathiques réfractaires',
  EPILEPSY: 'Épilepsies pharmacorésistantes',
  ONCOLOGY_SYMPTOMS: 'Symptômes rebelles en oncologie',
  PALLIATIVE_CARE: 'Soins palliatifs',
  CNS_SPASTICITY: 'Spasticité douloureuse (SEP, lésions médullaires)',
};

export const DISCREPANCIES: Record<string, string> = {
  missing: 'Manquant',
  extra: 'En trop',
  wrong_batch: 'Boîte d’un autre lot',
  duplicate_scan: 'Boîte scannée deux fois',
  unknown_code: 'Code illisible',
  missing_separator: 'Séparateur manquant : scannez la boîte à nouveau',
  expiry_mismatch: 'Péremption du code différente de celle du lot',
  refused: 'Boîte refusée',
};

/** Analytes of a certificate of analysis: label and unit (THC and CBD in the product's content unit). */
export const ANALYTES: Record<string, { label: string; unit: string }> = {
  thc: { label: 'THC', unit: '' },
  cbd: { label: 'CBD', unit: '' },
  cbn: { label: 'CBN', unit: '%' },
  lossOnDrying: { label: 'Perte à la dessiccation', unit: '%' },
  foreignMatter: { label: 'Matières étrangères', unit: '%' },
  arsenic: { label: 'Arsenic', unit: 'ppm' },
  cadmium: { label: 'Cadmium', unit: 'ppm' },
  lead: { label: 'Plomb', unit: 'ppm' },
  mercury: { label: 'Mercure', unit: 'ppm' },
  aflatoxinB1: { label: 'Aflatoxine B1', unit: 'µg/kg' },
  aflatoxinsTotal: { label: 'Aflatoxines totales', unit: 'µg/kg' },
  tamc: { label: 'Germes aérobies totaux (TAMC)', unit: 'UFC/g' },
  tymc: { label: 'Levures et moisissures (TYMC)', unit: 'UFC/g' },
};

export const CONTENT_UNITS: Record<string, string> = { percent: '%', mg_per_ml: 'mg/mL', mg_per_unit: 'mg/unité' };
