import type { ComponentChildren } from 'preact';
import { type Alert, alertDetails, alertKindName } from './alerts';
import { useProductNames } from './catalogue';
import { frDateTime } from './format';
import { Field, Table } from './ui';
import { ALERT_KINDS, ALERT_STATES } from './words';

/** The query string of the alert lists' filters (`state=&kind=`), empty values left out. */
export const alertQuery = (state: string, kind: string): string => {
  const query = new URLSearchParams();
  if (state) query.set('state', state);
  if (kind) query.set('kind', kind);
  return query.size ? `?${query.toString()}` : '';
};

/** Filters by state and kind, as the API's `state` and `kind`. */
export function AlertFilters(props: {
  state: string;
  kind: string;
  onState: (state: string) => void;
  onKind: (kind: string) => void;
}) {
  return (
    <div class="row">
      <Field label="État">
        <select id="alert-state" value={props.state} onChange={(e) => props.onState(e.currentTarget.value)}>
          <option value="">Tous</option>
          {Object.entries(ALERT_STATES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Type d’alerte">
        <select id="alert-kind" value={props.kind} onChange={(e) => props.onKind(e.currentTarget.value)}>
          <option value="">Tous</option>
          {Object.entries(ALERT_KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

/** Alerts, newest first: kind, state, site, batch, what was measured; `action` adds a last column. */
export function AlertTable(props: { alerts: Alert[]; caption: string; action?: (alert: Alert) => ComponentChildren }) {
  const name = useProductNames(props.alerts.flatMap((a) => (a.gtin ? [a.gtin] : [])));
  const head = ['Levée le', 'Type', 'État', 'Site', 'Lot ou livraison', 'Détails', 'Suites'];
  return (
    <Table
      caption={props.caption}
      head={props.action ? [...head, 'Décision'] : head}
      empty="Aucune alerte."
      id="alerts"
      rows={props.alerts.map((a) => (
        <tr key={a.id} data-id={a.id} data-kind={a.kind} data-state={a.state} class={a.state === 'open' ? 'bad' : ''}>
          <td>{frDateTime(a.raisedAt)}</td>
          <td>{alertKindName(a.kind)}</td>
          <td class="alert-state">{ALERT_STATES[a.state] ?? a.state}</td>
          <td>{a.site ?? 'ANSM'}</td>
          <td>
            {a.lot ? `${a.gtin ? `${name(a.gtin)} · ` : ''}${a.lot}` : ''}
            {a.lot && a.shipmentId ? ' · ' : ''}
            {a.shipmentId ? `livraison ${a.shipmentId}` : ''}
            {a.lot || a.shipmentId ? '' : '—'}
          </td>
          <td>{alertDetails(a)}</td>
          <td>
            {a.acknowledgement
              ? `Prise en compte le ${frDateTime(a.acknowledgement.at)} : ${a.acknowledgement.note}`
              : ''}
            {a.acknowledgement && a.closure ? ' ; ' : ''}
            {a.closure ? `Close le ${frDateTime(a.closure.at)} : ${a.closure.note}` : ''}
          </td>
          {props.action ? <td>{props.action(a)}</td> : null}
        </tr>
      ))}
    />
  );
}
