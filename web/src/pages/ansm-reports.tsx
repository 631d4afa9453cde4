import { useState } from 'preact/hooks';
import { apiText, api, saveFile } from '../api';
import { frDateTime, frNumber } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, Table, useAct, useLoad } from '../ui';
import { INDICATIONS } from '../words';

type Row = Record<string, unknown>;
interface Report {
  asOf: { position: string; recordedAt: string | null };
  from: string;
  to: string;
  rows: Row[];
}
interface Column {
  key: string;
  label: string;
  show?: (value: unknown, row: Row) => string;
}
const indication = (value: unknown) => INDICATIONS[String(value)] ?? String(value);
const orDash = (value: unknown) => (value == null ? '—' : String(value));
/** `YYYY-MM` as `MM/AAAA`. */
const frMonth = (value: unknown) => String(value).split('-').reverse().join('/');

/** The regulator's reports (docs/api.md, "Regulator's reports"): their columns in French. */
const REPORTS: Record<string, { label: string; path: string; columns: Column[] }> = {
  patients: {
    label: 'Patients par indication',
    path: '/v1/reports/patients-per-indication',
    columns: [
      { key: 'month', label: 'Mois', show: frMonth },
      { key: 'indication', label: 'Indication', show: indication },
      { key: 'cap', label: 'Plafond' },
      { key: 'included', label: 'Inclus' },
      { key: 'active', label: 'En traitement' },
      { key: 'stopped', label: 'Arrêtés' },
      { key: 'includedInMonth', label: 'Inclus dans le mois' },
      { key: 'stoppedInMonth', label: 'Arrêtés dans le mois' },
    ],
  },
  dispensations: {
    label: 'Délivrances par région et produit',
    path: '/v1/reports/dispensations',
    columns: [
      { key: 'month', label: 'Mois', show: frMonth },
      {
        key: 'regionName',
        label: 'Région',
        show: (v, row) => (v == null ? `inconnue (${orDash(row.region)})` : String(v)),
      },
      { key: 'productName', label: 'Produit' },
      { key: 'dispensations', label: 'Délivrances' },
      { key: 'packs', label: 'Boîtes' },
      { key: 'patients', label: 'Patients' },
    ],
  },
  vigilance: {
    label: 'Taux de vigilance',
    path: '/v1/reports/vigilance',
    columns: [
      { key: 'gtin', label: 'GTIN' },
      { key: 'lot', label: 'Lot', show: (v) => (v == null ? 'tous les lots' : String(v)) },
      { key: 'reports', label: 'Déclarations' },
      { key: 'serious', label: 'Graves' },
      { key: 'patientsExposed', label: 'Patients exposés' },
      { key: 'ratePer1000', label: 'Taux pour 1 000', show: (v) => (typeof v === 'number' ? frNumber(v) : '—') },
      {
        key: 'seriousRatePer1000',
        label: 'Taux grave pour 1 000',
        show: (v) => (typeof v === 'number' ? frNumber(v) : '—'),
      },
    ],
  },
};

/** ANSM: a report over a period of whole months, as a table and as a CSV file. */
export function Reports(_: PageProps) {
  const [which, setWhich] = useState('patients');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const act = useAct();
  const report = REPORTS[which] ?? (REPORTS.patients as (typeof REPORTS)[string]);
  const period = new URLSearchParams();
  if (from) period.set('from', from);
  if (to) period.set('to', to);
  const query = period.size ? `?${period.toString()}` : '';
  const { data, error } = useLoad(() => api<Report>('GET', `${report.path}${query}`), [report.path, query]);
  const csv = () =>
    void act(async () => {
      period.set('format', 'csv');
      const text = await apiText(`${report.path}?${period.toString()}`);
      saveFile(`${which}-${data?.from ?? ''}-${data?.to ?? ''}.csv`, 'text/csv', text);
    }, 'Rapport CSV téléchargé.');
  return (
    <section>
      <h1>Rapports</h1>
      <div class="row">
        <Field label="Rapport">
          <select id="report" value={which} onChange={(e) => setWhich(e.currentTarget.value)}>
            {Object.entries(REPORTS).map(([key, r]) => (
              <option key={key} value={key}>
                {r.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Du mois (vide : 11 mois avant la fin)">
          <input id="report-from" type="month" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </Field>
        <Field label="Au mois (vide : ce mois-ci)">
          <input id="report-to" type="month" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </Field>
      </div>
      {error ? <p class="problem">{error}</p> : null}
      {!data ? (
        <Loading />
      ) : (
        <>
          <p id="report-period">
            De {frMonth(data.from)} à {frMonth(data.to)} · chiffres arrêtés au{' '}
            {data.asOf.recordedAt ? frDateTime(data.asOf.recordedAt) : 'début du journal'}
          </p>
          <button type="button" onClick={csv}>
            Télécharger en CSV
          </button>
          <Table
            caption={report.label}
            head={report.columns.map((c) => c.label)}
            empty="Aucune ligne sur cette période."
            id="report-rows"
            rows={data.rows.map((row, i) => (
              <tr key={i}>
                {report.columns.map((c) => (
                  <td key={c.key}>{c.show ? c.show(row[c.key], row) : orDash(row[c.key])}</td>
                ))}
              </tr>
            ))}
          />
        </>
      )}
    </section>
  );
}
