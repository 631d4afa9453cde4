/**
 * Every refusal the API can answer (its `rule`, or the code ending its `type`), in a French sentence. The API's own
 * `detail` is English and never shown: test/web-problems.spec.ts checks that every code of the code base is here.
 */
export const RULES: Record<string, string> = {
  // HTTP layer
  validation: 'Certaines informations saisies ne sont pas valables.',
  malformed_json: 'La demande est mal formée : réessayez depuis la page.',
  malformed_request: 'La demande est mal formée : réessayez depuis la page.',
  json_too_deep: 'La demande contient trop de niveaux imbriqués.',
  json_too_large: 'La demande contient trop d’éléments.',
  unstorable_text: 'Un texte saisi contient un caractère non autorisé.',
  body_too_large: 'La demande est trop volumineuse.',
  unsupported_encoding: 'La demande n’est pas encodée en UTF-8.',
  headers_too_large: 'Les en-têtes de la demande sont trop volumineux (jeton trop long ?).',
  unreadable_url: 'L’adresse demandée est illisible.',
  bad_idempotency_key: 'La clé d’idempotence de la demande n’est pas valable.',
  idempotency_key_reused: 'Cette demande a déjà été envoyée avec d’autres informations.',
  idempotency_in_progress: 'Cette demande est déjà en cours de traitement : patientez.',
  concurrent_change: 'Les données ont changé pendant l’opération : réessayez.',
  event_id_conflict: 'Cette opération a déjà été enregistrée avec un autre contenu.',
  invalid_event: 'L’enregistrement a été refusé par le journal des événements.',
  invalid_page_token: 'La page demandée n’existe plus : recommencez la recherche.',
  unauthenticated: 'Connectez-vous : aucun jeton n’a été fourni.',
  invalid_token: 'Votre jeton n’est pas valable ou a expiré : reconnectez-vous.',
  token_keys_unavailable: 'Les clés de l’émetteur des jetons sont injoignables : réessayez plus tard.',
  role_not_allowed: 'Votre rôle ne permet pas cette action.',
  not_site_member: 'Ce registre appartient à un autre établissement.',
  professional_not_registered: 'Ce professionnel n’est pas inscrit au registre.',
  professional_role_mismatch: 'Le rôle du jeton ne correspond pas à la profession inscrite au registre.',
  professional_organisation_mismatch: 'Ce professionnel est inscrit dans un autre établissement.',
  organisation_not_registered: 'Cet établissement n’est pas inscrit au registre.',
  organisation_kind_mismatch: 'Le type de cet établissement ne correspond pas au rôle du jeton.',
  rate_limited: 'Trop de demandes : patientez un instant.',
  event_store_unavailable: 'Le service est momentanément indisponible : réessayez.',
  store_empty: 'Le journal des événements est vide.',
  demo_off: 'La connexion de démonstration n’est pas proposée ici.',
  epcis_event_unknown: 'Événement EPCIS introuvable.',
  epcis_version_unsupported: 'Version EPCIS non prise en charge (2.0 seulement).',
  indication_unknown: 'Indication inconnue.',
  webhook_url_not_public: 'L’adresse du webhook doit être publique.',
  subscription_unknown: 'Abonnement inconnu.',
  cursor_unknown: 'Position du flux d’événements inconnue.',
  unreadable_scan: 'Le code scanné est illisible : scannez la boîte à nouveau.',
  unknown_ai: 'Le code scanné contient un identifiant GS1 inconnu : scannez la boîte à nouveau.',
  bad_date: 'Le code scanné contient une date invalide.',
  missing_separator: 'Séparateur manquant dans le code : scannez la boîte à nouveau.',
  pseudonym_issued_by_cannatrace: 'cannatrace attribue le pseudonyme du patient : n’en saisissez pas.',
  pseudonym_mistyped: 'Pseudonyme mal saisi : recopiez-le depuis l’attestation d’inclusion.',
  pseudonym_not_issued: 'Ce pseudonyme n’a pas été attribué par cannatrace.',
  region_unknown: 'Région inconnue.',
  region_outside_france: 'Cette région n’est pas en France.',
  organisation_id_reserved: 'Cet identifiant est réservé à cannatrace.',
  // Domain rules (docs/domain.md, « Every refusal »)
  analysis_not_conformant: 'La dernière analyse n’est pas conforme : libération impossible.',
  ars_not_notified_a_month_ahead: 'La destruction doit suivre d’au moins un mois l’information de l’ARS.',
  batch_already_released: 'Ce lot est déjà libéré.',
  batch_expired: 'Ce lot est périmé.',
  batch_not_on_hold: 'Ce lot n’est pas consigné.',
  batch_not_recalled: 'Ce lot ne fait l’objet d’aucun rappel.',
  batch_quarantined: 'Ce lot est en quarantaine ici pour son rappel : ne pas le délivrer ni l’expédier, le retourner.',
  batch_not_released: 'Ce lot n’est pas libéré.',
  batch_on_hold: 'Ce lot est consigné par l’ANSM.',
  batch_recalled: 'Ce lot fait l’objet d’un rappel : ne pas délivrer.',
  batch_unknown: 'Lot inconnu (ou non visible pour votre établissement).',
  quarantine_count_differs:
    'Le nombre de boîtes mises en quarantaine diffère du registre : faites d’abord un inventaire.',
  recall_already_acknowledged: 'Le rappel de ce lot est déjà pris en compte.',
  recall_already_quarantined: 'Les boîtes de ce lot sont déjà en quarantaine.',
  recall_not_acknowledged: 'Accusez d’abord réception du rappel de ce lot.',
  return_not_allowed: 'Votre établissement ne retourne pas de boîtes de ce lot.',
  return_to_wrong_organisation: 'Les boîtes d’un lot se retournent à qui les a fournies.',
  consent_required: 'Le consentement du patient est requis pour l’inclure.',
  duration_out_of_range: 'La durée du traitement doit être comprise entre 1 et 28 jours.',
  exceeds_prescription: 'La quantité dépasse ce que l’ordonnance permet encore de délivrer.',
  expiry_not_after_manufacture: 'La date de péremption doit suivre la date de fabrication.',
  exploitant_unknown: 'Exploitant inconnu.',
  gln_invalid: 'Le GLN doit compter 13 chiffres avec une clé valable.',
  import_authorisation_required: 'Une autorisation d’importation est requise pour un expéditeur hors UE.',
  indication_cap_reached: 'Le nombre maximal d’inclusions pour cette indication est atteint.',
  insufficient_stock: 'Stock insuffisant pour ce lot.',
  inventory_incomplete: 'L’inventaire doit compter chaque lot détenu (0 s’il n’est pas retrouvé).',
  issued_in_the_future: 'La date de prescription ne peut pas être dans le futur.',
  investigation_already_reported: 'L’investigation de ce lot est déjà enregistrée.',
  no_out_of_specification_result: 'Aucun résultat hors spécification à investiguer pour ce lot.',
  investigation_required: 'Une analyse hors spécification exige un rapport d’investigation avant la libération.',
  laboratory_retest_required: 'Après l’investigation, une contre-analyse conforme d’un laboratoire est exigée.',
  list_not_allowed: 'Votre rôle ne permet pas de consulter cette liste.',
  lot_exists: 'Ce lot est déjà enregistré.',
  no_analysis: 'Aucune analyse enregistrée : libération impossible.',
  not_a_prescriber: 'Vous n’êtes pas inscrit comme prescripteur.',
  not_batch_supplier: 'Seul le fournisseur du lot (ou un laboratoire pour l’analyse) peut faire cela.',
  not_of_organisation: 'Votre jeton désigne un autre établissement que le vôtre.',
  not_prescription_author: 'Seul l’auteur de l’ordonnance peut l’annuler.',
  not_prescription_party: 'Cette ordonnance ne vous concerne pas.',
  not_product_supplier: 'Seul le fournisseur du produit peut enregistrer ses lots.',
  not_reference_centre: 'L’inclusion et la prescription initiale se font dans un centre de référence.',
  not_shipment_party: 'Cette livraison ne vous concerne pas.',
  not_shipment_receiver: 'Cette livraison est destinée à un autre établissement.',
  one_pack_per_serial: 'Une boîte sérialisée se délivre à l’unité.',
  organisation_exists: 'Cet établissement est déjà inscrit.',
  organisation_unknown: 'Établissement inconnu.',
  patient_already_included: 'Ce patient est déjà inclus pour cette indication.',
  patient_not_included: 'Ce patient n’est pas inclus pour cette indication.',
  pharmacist_needs_pharmacy: 'Un pharmacien s’inscrit dans une pharmacie.',
  pharmacist_not_of_pharmacy: 'Vous n’êtes pas pharmacien de cette officine.',
  pharmacist_not_trained: 'Une attestation de formation est requise pour délivrer.',
  pharmacy_unknown: 'Pharmacie inconnue.',
  prescriber_needs_care_setting: 'Un prescripteur s’inscrit dans un établissement de soins.',
  prescriber_not_trained: 'Une attestation de formation est requise pour prescrire.',
  prescription_cancelled: 'L’ordonnance a été annulée par le prescripteur.',
  prescription_for_another_pharmacy: 'L’ordonnance désigne une autre pharmacie.',
  prescription_not_yet_valid: 'L’ordonnance n’est pas encore valable.',
  prescription_number_used: 'Ce numéro d’ordonnance sécurisée est déjà utilisé.',
  prescription_unknown: 'Ordonnance inconnue : vérifiez son numéro.',
  product_exists: 'Ce produit est déjà au catalogue.',
  product_unknown: 'Produit inconnu (GTIN absent du catalogue).',
  professional_exists: 'Ce professionnel est déjà inscrit.',
  professional_unknown: 'Professionnel inconnu.',
  ratio_mismatch: 'Les teneurs déclarées contredisent la catégorie de ratio.',
  receipt_too_late: 'Réception impossible plus de 12 mois après l’expédition.',
  receiver_unknown: 'Destinataire inconnu.',
  register_book_closed: 'Le registre du mois est clos : réessayez.',
  renewal_of_another_indication: 'Un renouvellement garde l’indication de l’ordonnance initiale.',
  renewal_of_another_patient: 'Un renouvellement garde le patient de l’ordonnance initiale.',
  renewed_prescription_unknown: 'L’ordonnance renouvelée est inconnue.',
  route_not_allowed: 'Ce circuit n’est pas autorisé (fournisseur → exploitant → pharmacie).',
  sampled_before_manufacture: 'Le prélèvement ne peut précéder la fabrication.',
  scanned_expiry_differs: 'La péremption du code diffère de celle du lot : mettez la boîte de côté et signalez-la.',
  sender_unknown: 'Votre établissement n’est pas inscrit au registre.',
  serial_already_dispensed: 'Cette boîte a déjà été délivrée.',
  shipment_already_received: 'Cette livraison a déjà été réceptionnée.',
  shipment_exists: 'Cette livraison est déjà expédiée.',
  shipment_unknown: 'Livraison inconnue.',
  supplier_unknown: 'Fournisseur inconnu.',
  treatment_period_over: 'La durée du traitement prescrit est écoulée.',
  witness_is_actor: 'Le témoin de la destruction doit être un autre pharmacien.',
  witness_not_pharmacist: 'Le témoin de la destruction doit être un pharmacien inscrit.',
  wrong_product: 'Cette boîte n’est pas le produit de l’ordonnance.',
  // Vigilance (pharmacovigilance reports), merged on main meanwhile
  correction_changes_nothing: 'La correction ne modifie aucun champ de la déclaration.',
  onset_after_filing: 'La survenue ne peut pas suivre la date de la déclaration.',
  organisation_without_region: 'Votre établissement n’a pas de région : le centre régional ne peut être désigné.',
  patient_not_in_care: 'Ce patient n’est pas suivi par votre établissement.',
  vigilance_report_exists: 'Cette déclaration de vigilance est déjà enregistrée.',
  vigilance_report_unknown: 'Déclaration de vigilance inconnue.',
  vigilance_signal_unknown: 'Signal de vigilance inconnu.',
  method_not_allowed: 'Cette action n’est pas possible ici.',
  not_found: 'Ressource introuvable.',
  // Analysis failures
  below_declared_tolerance: 'sous la tolérance déclarée',
  above_declared_tolerance: 'au-dessus de la tolérance déclarée',
  above_contaminant_limit: 'au-dessus de la limite',
  missing_result: 'non mesuré',
  // Alerts
  alert_not_found: 'Cette alerte n’existe pas.',
  ansm_only: 'Seule l’ANSM peut faire cette action.',
  alert_setting_out_of_range: 'Un seuil d’alerte est hors des limites permises.',
  note_required: 'Une note est obligatoire.',
  alert_closed: 'Cette alerte est close : elle ne peut plus être prise en compte.',
  alert_already_acknowledged: 'Cette alerte a déjà été prise en compte.',
  alert_already_closed: 'Cette alerte est déjà close.',
  // Mass balance and reports
  balance_not_allowed: 'Le bilan matière de ce lot est réservé à son fournisseur, son exploitant et l’ANSM.',
  not_product_exploitant: 'Ce produit est exploité par un autre exploitant.',
  report_period_invalid:
    'La période demandée n’est pas valable (mois de début après le mois de fin, ou plus de 120 mois).',
  // Follow-up
  consulted_in_the_future: 'La date de consultation est dans le futur.',
  consulted_before_inclusion: 'La date de consultation précède l’inclusion du patient.',
  symptom_effect_out_of_range: 'L’effet sur le symptôme se note de 0 à 10.',
  adverse_effect_unknown: 'Cet effet indésirable ne fait pas partie de la liste.',
  stop_reason_required: 'Un arrêt de traitement exige un motif.',
  stop_reason_without_stop: 'Un motif d’arrêt n’est donné qu’avec la décision d’arrêter.',
  schedule_out_of_range: 'Le nombre de consultations longues doit être compris entre 0 et 12.',
  patient_stopped: 'Le traitement de ce patient est arrêté.',
};

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  rule?: string;
  errors?: { field: string; message: string }[];
}

/** The code of a problem: its rule, or the last part of its type. */
export const codeOf = (problem: Problem): string =>
  problem.rule ??
  String(problem.type ?? '')
    .split(':')
    .pop() ??
  '';

/** Errors below the API's own (`about:blank`: an unknown path, a wrong method), by status. */
const STATUSES: Record<number, string> = {
  404: 'Page ou ressource introuvable.',
  405: 'Cette action n’est pas possible ici.',
  500: 'Erreur du service : réessayez plus tard.',
};

/** The problem in French, with the fields at fault for a validation refusal (never the English detail). */
export function explain(problem: Problem): string {
  const code = codeOf(problem);
  const words =
    RULES[code] ?? STATUSES[problem.status ?? 0] ?? `La demande a été refusée (statut ${problem.status ?? 'inconnu'}).`;
  const fields = [...new Set((problem.errors ?? []).map((e) => e.field))];
  return fields.length ? `${words} Champs à vérifier : ${fields.join(', ')}.` : words;
}
