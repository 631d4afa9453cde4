/** The API's refusals in words a pharmacist understands; the API's own detail follows. */
const WORDS = {
  unauthenticated: 'Connectez-vous : aucun jeton n’a été fourni.',
  invalid_token: 'Votre jeton n’est pas valide ou a expiré : reconnectez-vous.',
  role_not_allowed: 'Votre rôle ne permet pas cette action.',
  not_site_member: 'Ce registre appartient à un autre établissement.',
  validation: 'Certaines informations saisies ne sont pas valables.',
  unreadable_scan: 'Le code scanné est illisible : scannez la boîte à nouveau.',
  shipment_already_received: 'Cette livraison a déjà été réceptionnée.',
  not_shipment_receiver: 'Cette livraison est destinée à une autre pharmacie.',
  exceeds_prescription: 'La quantité dépasse ce que l’ordonnance permet encore de délivrer.',
  serial_already_dispensed: 'Cette boîte a déjà été délivrée.',
  prescription_cancelled: 'L’ordonnance a été annulée par le prescripteur.',
  prescription_for_another_pharmacy: 'L’ordonnance désigne une autre pharmacie.',
  prescription_unknown: 'Ordonnance inconnue : vérifiez son numéro.',
  treatment_period_over: 'La durée du traitement prescrit est écoulée.',
  batch_recalled: 'Ce lot fait l’objet d’un rappel : ne pas délivrer.',
  batch_on_hold: 'Ce lot est consigné par l’ANSM : ne pas délivrer.',
  batch_expired: 'Ce lot est périmé.',
  batch_quarantined: 'Ce lot est en quarantaine ici pour son rappel : ne pas délivrer, le retourner à l’exploitant.',
  recall_not_acknowledged: 'Accusez d’abord réception du rappel de ce lot.',
  recall_already_acknowledged: 'Le rappel de ce lot est déjà pris en compte.',
  quarantine_count_differs:
    'Le nombre de boîtes mises en quarantaine diffère du registre : faites d’abord un inventaire.',
  return_to_wrong_organisation: 'Les boîtes d’un lot se retournent à qui les a fournies.',
  insufficient_stock: 'Stock insuffisant pour ce lot.',
  pharmacist_not_trained: 'Une attestation de formation est requise pour délivrer.',
  pharmacist_not_of_pharmacy: 'Vous n’êtes pas pharmacien de cette officine.',
  analysis_not_conformant: 'La dernière analyse n’est pas conforme : libération impossible.',
  no_analysis: 'Aucune analyse enregistrée : libération impossible.',
  lot_exists: 'Ce lot est déjà enregistré.',
  investigation_required: 'Une analyse hors spécification exige un rapport d’investigation avant la libération.',
  laboratory_retest_required:
    'Après l’investigation, une contre-analyse conforme d’un laboratoire est exigée : l’analyse du fournisseur ne suffit pas.',
  pseudonym_issued_by_cannatrace: 'cannatrace attribue le pseudonyme du patient : n’en saisissez pas.',
  pseudonym_mistyped: 'Pseudonyme mal saisi : recopiez-le depuis l’inclusion.',
  consent_required: 'Le consentement du patient est requis pour l’inclure.',
  indication_cap_reached: 'Le nombre maximal d’inclusions pour cette indication est atteint.',
  event_store_unavailable: 'Le service est momentanément indisponible : réessayez.',
  rate_limited: 'Trop de requêtes : patientez un instant.',
};

export function explain(problem) {
  const code =
    problem.rule ??
    String(problem.type ?? '')
      .split(':')
      .pop();
  const words = WORDS[code] ?? 'La demande a été refusée.';
  return problem.detail ? `${words} (${problem.detail})` : words;
}
