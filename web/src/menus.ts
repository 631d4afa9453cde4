import type { FunctionComponent } from 'preact';
import type { LiveEvent } from './live';
import type { Session } from './session';
import { Alerts } from './pages/ansm-alerts';
import { BatchInquiry } from './pages/ansm-batch';
import { NationalView } from './pages/ansm-national';
import { SiteRegisters } from './pages/ansm-registers';
import { Reports } from './pages/ansm-reports';
import { Deliveries } from './pages/deliveries';
import { Outgoing } from './pages/outgoing';
import { Prescriptions } from './pages/prescriptions';
import { Patients } from './pages/patients';
import { OwnRegister } from './pages/register';
import { SiteAlerts } from './pages/site-alerts';
import { Stock } from './pages/stock';
import { SupplierBatches } from './pages/supplier-batches';

export interface PageProps {
  session: Session;
  recent: LiveEvent[];
}
export interface Place {
  path: string;
  label: string;
  about: string;
  page: FunctionComponent<PageProps>;
}

/** The menu of each role; the landing page lists the same places with what each is for. */
export const MENUS: Record<string, Place[]> = {
  pharmacist: [
    {
      path: 'livraisons',
      label: 'Livraisons',
      about: 'Réceptionner les livraisons en scannant chaque boîte.',
      page: Deliveries,
    },
    {
      path: 'ordonnances',
      label: 'Ordonnances',
      about: 'Trouver une ordonnance et délivrer en scannant.',
      page: Prescriptions,
    },
    { path: 'stock', label: 'Stock', about: 'Boîtes détenues, péremption, lots rappelés ou consignés.', page: Stock },
    {
      path: 'registre',
      label: 'Registre',
      about: 'Registre des stupéfiants, bilan mensuel, inventaire, pertes, destructions.',
      page: OwnRegister,
    },
    {
      path: 'alertes',
      label: 'Alertes',
      about: 'Les alertes relevées sur ce site, suivies par l’ANSM.',
      page: SiteAlerts,
    },
  ],
  supplier: [
    {
      path: 'lots',
      label: 'Lots',
      about: 'Enregistrer, analyser et libérer les lots ; étiquettes.',
      page: SupplierBatches,
    },
    { path: 'expeditions', label: 'Expéditions', about: 'Expédier des lots libérés à l’exploitant.', page: Outgoing },
    { path: 'retours', label: 'Retours', about: 'Réceptionner les retours de l’exploitant.', page: Deliveries },
    { path: 'registre', label: 'Registre', about: 'Registre des stupéfiants du site.', page: OwnRegister },
    {
      path: 'alertes',
      label: 'Alertes',
      about: 'Les alertes relevées sur ce site, suivies par l’ANSM.',
      page: SiteAlerts,
    },
  ],
  exploitant: [
    {
      path: 'livraisons',
      label: 'Réceptions',
      about: 'Réceptionner les livraisons et les retours des pharmacies.',
      page: Deliveries,
    },
    {
      path: 'expeditions',
      label: 'Expéditions',
      about: 'Expédier aux pharmacies, retourner au fournisseur.',
      page: Outgoing,
    },
    { path: 'stock', label: 'Stock', about: 'Boîtes détenues et état des lots.', page: Stock },
    { path: 'registre', label: 'Registre', about: 'Registre des stupéfiants du site.', page: OwnRegister },
    {
      path: 'alertes',
      label: 'Alertes',
      about: 'Les alertes relevées sur ce site, suivies par l’ANSM.',
      page: SiteAlerts,
    },
  ],
  prescriber: [
    {
      path: 'patients',
      label: 'Patients et ordonnances',
      about: 'Inclure un patient, prescrire, renouveler, annuler.',
      page: Patients,
    },
  ],
  ansm: [
    {
      path: 'national',
      label: 'Vue nationale',
      about: 'Patients par indication, lots libérés, consignés, rappelés, écarts.',
      page: NationalView,
    },
    {
      path: 'lots',
      label: 'Lots',
      about: 'Parcours, chronologie, consignation, rappel, export EPCIS.',
      page: BatchInquiry,
    },
    {
      path: 'alertes',
      label: 'Alertes',
      about: 'Anomalies du circuit : prise en compte, clôture, seuils.',
      page: Alerts,
    },
    {
      path: 'registres',
      label: 'Registres',
      about: 'Le registre de n’importe quel site ; intégrité du journal.',
      page: SiteRegisters,
    },
    {
      path: 'rapports',
      label: 'Rapports',
      about: 'Patients par indication, délivrances par région, taux de vigilance ; export CSV.',
      page: Reports,
    },
  ],
};
