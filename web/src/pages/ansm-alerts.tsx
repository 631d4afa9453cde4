import { api } from '../api';
import { useProductNames } from '../catalogue';
import { frDate, frDateTime, frNumber } from '../format';
import type { PageProps } from '../menus';
import { RULES } from '../problems';
import { Loading, Table, useLoad } from '../ui';
import { ANALYTES } from '../words';

interface Alert {
  kind: string;
  gtin: string;
  lot: string;
  recordedBy: string;
  sampledOn: string;
  raisedAt: string;
  eventId: string;
  failures: { analyte: string; value: number | null; limit: number; rule: string }[];
}

/** ANSM: out-of-specification analysis results, newest first. */
export function Alerts(_: PageProps) {
  const { data } = useLoad(() => api<Alert[]>('GET', '/v1/audit/alerts'));
  const name = useProductNames((data ?? []).map((a) => a.gtin));
  return (
    <section>
      <h1>Alertes</h1>
      {!data ? (
        <Loading />
      ) : (
        <Table
          caption="Résultats d’analyse hors spécification"
          head={['Levée le', 'Produit', 'Lot', 'Analyse par', 'Prélevé le', 'Écarts']}
          empty="Aucune alerte."
          id="alerts"
          rows={data.map((a) => (
            <tr key={a.eventId}>
              <td>{frDateTime(a.raisedAt)}</td>
              <td>{name(a.gtin)}</td>
              <td>{a.lot}</td>
              <td>{a.recordedBy}</td>
              <td>{frDate(a.sampledOn)}</td>
              <td>{a.failures.map((f) => failureText(f)).join(' ; ')}</td>
            </tr>
          ))}
        />
      )}
    </section>
  );
}

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
