import { frDate, frNumber } from './format.js';
import { RULES } from './problems.js';
import { ALERT_KINDS, ANALYTES, DISCREPANCIES } from './words.js';

/** An alert as `GET /v1/audit/alerts` and `GET /v1/sites/{org}/alerts` answer it. */
export interface Alert {
  id: string;
  kind: string;
  state: 'open' | 'acknowledged' | 'closed';
  site: string | null;
  gtin: string | null;
  lot: string | null;
  shipmentId: string | null;
  evidence: string[];
  details: Record<string, unknown>;
  raisedAt: string;
  acknowledgement: { at: string; note: string } | null;
  closure: { at: string; note: string } | null;
}

export const alertKindName = (kind: string): string => ALERT_KINDS[kind] ?? `Alerte ${kind}`;

/** An analysis failure in French: analyte, value and limit with their unit, and why. */
export function failureText(
  f: { analyte: string; value: number | null; limit: number; rule: string },
  unit = '',
): string {
  const analyte = ANALYTES[f.analyte] ?? { label: f.analyte, unit: '' };
  const u = analyte.unit || unit;
  const limit = `limite ${frNumber(f.limit)} ${u}`.trim();
  if (f.value === null) return `${analyte.label} : non mesuré (${limit})`;
  return `${analyte.label} : ${`${frNumber(f.value)} ${u}`.trim()} (${RULES[f.rule] ?? f.rule}, ${limit})`;
}

const num = (value: unknown): string => frNumber(typeof value === 'number' ? value : null);
const text = (value: unknown): string => (typeof value === 'string' ? value : '—');
const packs = (value: unknown): string => `${num(value)} boîte(s)`;

interface Discrepancy {
  kind: string;
  lot?: string | null;
  serial?: string | null;
  shipped?: number;
  received?: number;
}

/** What the rule measured, in French sentences with their numbers (docs/domain.md, "Alerts"). */
export function alertDetails(alert: Pick<Alert, 'kind' | 'details'>): string {
  const d = alert.details;
  switch (alert.kind) {
    case 'out_of_specification': {
      const failures = (d.failures as Parameters<typeof failureText>[0][] | undefined) ?? [];
      const by = d.recordedBy as { role?: string | null; organisation?: string | null } | string | undefined;
      const who = typeof by === 'string' ? by : (by?.organisation ?? '—');
      return `Analyse du prélèvement du ${frDate(text(d.sampledOn))} enregistrée par ${who} : ${failures.map((f) => failureText(f)).join(' ; ')}.`;
    }
    case 'receipt_discrepancy': {
      const list = (d.discrepancies as Discrepancy[] | undefined) ?? [];
      const lines = list.map((x) => {
        const what = DISCREPANCIES[x.kind] ?? x.kind;
        const serial = x.serial ? ` n° ${x.serial}` : '';
        const counts = x.shipped === undefined ? '' : ` (expédié ${num(x.shipped)}, reçu ${num(x.received)})`;
        return `${what}${x.lot ? ` · ${x.lot}` : ''}${serial}${counts}`;
      });
      return `Réception d’une livraison de ${text(d.from)} avec ${list.length} écart(s) : ${lines.join(' ; ')}.`;
    }
    case 'expiry_mismatch': {
      const scanned = (d.scanned as { expiresOn: string }[] | undefined) ?? [];
      return `Péremption enregistrée du lot le ${frDate(text(d.recorded))} ; scannée le ${scanned.map((s) => frDate(s.expiresOn)).join(', ')}.`;
    }
    case 'loss_above_threshold':
      return `${d.loss === 'theft' ? 'Vol' : 'Perte'} de ${packs(d.quantity)}, au-delà du seuil de ${packs(d.threshold)}.`;
    case 'adjustment_above_threshold':
      return `Inventaire du ${frDate(text(d.countedOn))} : écart de ${packs(d.difference)}, au-delà du seuil de ${packs(d.threshold)}.`;
    case 'dispensed_near_expiry':
      return `${packs(d.quantity)} délivrée(s) le ${frDate(text(d.dispensedOn))}, ${num(d.daysLeft)} jour(s) avant la péremption du ${frDate(text(d.expiresOn))} (fenêtre de ${num(d.window)} jours).`;
    case 'shipment_in_transit':
      return `Livraison vers ${text(d.to)} expédiée le ${frDate(text(d.dispatchedOn))} et non réceptionnée depuis ${num(d.daysInTransit)} jour(s) (seuil : ${num(d.threshold)} jours).`;
    case 'stock_near_expiry':
      return `${packs(d.onHand)} en stock, périmant le ${frDate(text(d.expiresOn))} : ${num(d.daysLeft)} jour(s) restant(s) (fenêtre de ${num(d.window)} jours).`;
    case 'recall_not_acknowledged':
      return `Lot rappelé le ${frDate(text(d.recalledOn))}, ${packs(d.onHand)} encore détenue(s), rappel non pris en compte depuis ${num(d.daysSinceRecall)} jour(s) (seuil : ${num(d.threshold)} jours).`;
    case 'mass_imbalance': {
      const sites = (d.sites as string[] | undefined) ?? [];
      return `Bilan matière non équilibré : écart de ${packs(d.difference)} sur ${packs(d.released)} libérée(s) ; sites en désaccord : ${sites.length ? sites.join(', ') : 'aucun'}.`;
    }
    default:
      return Object.entries(d)
        .map(([k, v]) => `${k} : ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
        .join(' ; ');
  }
}
