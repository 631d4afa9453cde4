import { api } from '../api';
import type { BatchState } from '../catalogue';
import type { PageProps } from '../menus';
import { Loading, Table, useLoad } from '../ui';
import { INDICATIONS } from '../words';

/** ANSM: patients per indication against their caps, and batches released, held and recalled. */
export function NationalView(_: PageProps) {
  const { data } = useLoad(() =>
    Promise.all([
      api<{ indication: string; cap: number; included: number }[]>('GET', '/v1/indications'),
      api<BatchState[]>('GET', '/v1/batches'),
    ]),
  );
  if (!data) return <Loading />;
  const [indications, batches] = data;
  const count = (test: (b: BatchState) => boolean) => batches.filter(test).length;
  return (
    <section>
      <h1>Vue nationale</h1>
      <Table
        caption="Patients inclus par indication"
        head={['Indication', 'Inclus', 'Plafond', 'Places restantes']}
        empty="Aucune indication."
        id="indications"
        rows={indications.map((i) => (
          <tr key={i.indication} class={i.included >= i.cap ? 'bad' : ''}>
            <td>{INDICATIONS[i.indication] ?? i.indication}</td>
            <td>{i.included}</td>
            <td>{i.cap}</td>
            <td>{Math.max(0, i.cap - i.included)}</td>
          </tr>
        ))}
      />
      <dl class="facts" id="batch-counts">
        <dt>Lots enregistrés</dt>
        <dd>{batches.length}</dd>
        <dt>Libérés</dt>
        <dd>{count((b) => b.released)}</dd>
        <dt>Consignés</dt>
        <dd>{count((b) => b.onHold)}</dd>
        <dt>Rappelés</dt>
        <dd>{count((b) => b.recalled)}</dd>
        <dt>Non conformes</dt>
        <dd>{count((b) => b.conformant === false)}</dd>
      </dl>
    </section>
  );
}
