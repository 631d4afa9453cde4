import { useState } from 'preact/hooks';
import { api, seg } from '../api';
import { AlertFilters, AlertTable, alertQuery } from '../alert-table';
import type { Alert } from '../alerts';
import type { PageProps } from '../menus';
import { Loading, useLoad } from '../ui';

/** A site's own alerts, read-only: ANSM follows them up. */
export function SiteAlerts({ session }: PageProps) {
  const [state, setState] = useState('');
  const [kind, setKind] = useState('');
  const query = alertQuery(state, kind);
  const { data } = useLoad(() => api<Alert[]>('GET', `/v1/sites/${seg(session.org)}/alerts${query}`), [query]);
  return (
    <section>
      <h1>Alertes du site</h1>
      <p class="hint">Les anomalies relevées sur ce site ; l’ANSM les prend en compte et les clôt.</p>
      <AlertFilters state={state} kind={kind} onState={setState} onKind={setKind} />
      {!data ? <Loading /> : <AlertTable alerts={data} caption="Alertes du site, les plus récentes d’abord" />}
    </section>
  );
}
