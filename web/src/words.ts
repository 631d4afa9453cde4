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
  AlertRaised: 'Alerte levée',
  AlertAcknowledged: 'Alerte prise en compte',
  AlertClosed: 'Alerte close',
  AlertSettingsChanged: 'Seuils d’alerte modifiés',
  PatientTreatmentStopped: 'Traitement arrêté',
  ConsultationRecorded: 'Consultation de suivi enregistrée',
  LongConsultationScheduleSet: 'Consultations longues programmées',
  VigilanceReportFiled: 'Déclaration de vigilance',
  VigilanceReportCorrected: 'Déclaration de vigilance corrigée',
  VigilanceFollowUpAdded: 'Suivi de déclaration de vigilance',
  VigilanceSignalRaised: 'Signal de vigilance levé',
  VigilanceThresholdSet: 'Seuil de signal de vigilance fixé',
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

/** The kinds of alert (docs/domain.md, "Alerts"). */
export const ALERT_KINDS: Record<string, string> = {
  out_of_specification: 'Analyse hors spécification',
  receipt_discrepancy: 'Écart à la réception',
  expiry_mismatch: 'Péremption scannée différente',
  loss_above_threshold: 'Perte ou vol au-delà du seuil',
  adjustment_above_threshold: 'Ajustement d’inventaire au-delà du seuil',
  dispensed_near_expiry: 'Délivrance proche de la péremption',
  shipment_in_transit: 'Livraison non réceptionnée',
  stock_near_expiry: 'Stock proche de la péremption',
  recall_not_acknowledged: 'Rappel non pris en compte',
  mass_imbalance: 'Bilan matière non équilibré',
};

export const ALERT_STATES: Record<string, string> = {
  open: 'Ouverte',
  acknowledged: 'Prise en compte',
  closed: 'Close',
};

/** The terms of a batch's mass balance (docs/domain.md, "Mass balance"), in the order of the equation. */
export const BALANCE_TERMS: Record<string, string> = {
  awaitingEntry: 'En attente d’entrée en stock',
  onHand: 'En stock dans les sites',
  inTransit: 'En transit',
  missingAtReceipt: 'Manquantes à la réception',
  dispensed: 'Délivrées',
  lost: 'Perdues ou volées',
  destroyed: 'Détruites',
  adjusted: 'Ajustements d’inventaire (déduits)',
};

export const DISAGREEMENTS: Record<string, string> = {
  negative_stock: 'Stock négatif : plus de sorties que d’entrées',
  register_differs: 'Le registre déclare un autre stock que ses mouvements',
  release_entry_differs: 'L’entrée en stock à la libération diffère de la quantité libérée',
  shipment_differs: 'Les boîtes reçues et manquantes diffèrent de l’expédition',
};
