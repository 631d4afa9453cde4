import { api, seg } from '../api';
import { frNumber } from '../format';
import { Loading, Table, useLoad, yesNo } from '../ui';
import { BALANCE_TERMS, DISAGREEMENTS } from '../words';

interface MassBalance {
  terms: Record<string, number> & { released: number };
  difference: number;
  balanced: boolean;
  disagreements: { site: string; reason: string; expected: number; recorded: number; shipmentId: string | null }[];
  siteFigures: {
    organisationId: string;
    received: number;
    shipped: number;
    dispensed: number;
    lost: number;
    destroyed: number;
    adjusted: number;
    onHand: number;
    stated: number | null;
    agrees: boolean;
  }[];
}

/** A batch's mass balance: the terms of the equation in French, each site's figures, the sites that disagree. */
export function BatchBalance(props: { gtin: string; lot: string }) {
  const path = `/v1/audit/batches/${seg(props.gtin)}/${seg(props.lot)}/balance`;
  const { data } = useLoad(() => api<MassBalance>('GET', path), [path]);
  if (!data) return <Loading />;
  const { terms } = data;
  const accounted = Object.keys(BALANCE_TERMS).map((key) => ({ key, value: terms[key] ?? 0 }));
  const disagreeing = new Set(data.disagreements.map((d) => d.site));
  return (
    <div id="balance">
      <h3>Bilan matière {data.balanced ? '(équilibré)' : '(non équilibré)'}</h3>
      <p id="balance-equation">
        {`${frNumber(terms.released)} boîte(s) libérée(s) = `}
        {accounted
          .map(({ key, value }, i) => `${i === 0 ? '' : key === 'adjusted' ? ' − ' : ' + '}${frNumber(value)}`)
          .join('')}
        {` ; écart : ${frNumber(data.difference)}.`}
      </p>
      <dl class="facts" id="balance-terms">
        <dt>Libérées</dt>
        <dd>{frNumber(terms.released)}</dd>
        {accounted.map(({ key, value }) => [
          <dt key={`t-${key}`}>{BALANCE_TERMS[key]}</dt>,
          <dd key={`d-${key}`}>{frNumber(value)}</dd>,
        ])}
        <dt>Écart</dt>
        <dd>{frNumber(data.difference)}</dd>
      </dl>
      <Table
        caption="Chiffres de chaque site"
        head={[
          'Site',
          'Entrées',
          'Sorties',
          'Délivrées',
          'Perdues',
          'Détruites',
          'Ajustées',
          'En stock',
          'Stock déclaré',
          'Concorde',
        ]}
        empty="Aucun site n’a ce lot dans son registre."
        id="balance-sites"
        rows={data.siteFigures.map((s) => (
          <tr
            key={s.organisationId}
            data-site={s.organisationId}
            class={disagreeing.has(s.organisationId) ? 'bad' : ''}
          >
            <td>{s.organisationId}</td>
            <td>{frNumber(s.received)}</td>
            <td>{frNumber(s.shipped)}</td>
            <td>{frNumber(s.dispensed)}</td>
            <td>{frNumber(s.lost)}</td>
            <td>{frNumber(s.destroyed)}</td>
            <td>{frNumber(s.adjusted)}</td>
            <td>{frNumber(s.onHand)}</td>
            <td>{frNumber(s.stated)}</td>
            <td>{disagreeing.has(s.organisationId) ? 'non : en désaccord' : yesNo(s.agrees)}</td>
          </tr>
        ))}
      />
      {data.disagreements.length ? (
        <ul id="balance-disagreements">
          {data.disagreements.map((d, i) => (
            <li key={i} class="bad" data-reason={d.reason}>
              {`${d.site} : ${DISAGREEMENTS[d.reason] ?? d.reason} (attendu ${frNumber(d.expected)}, enregistré ${frNumber(d.recorded)})${d.shipmentId ? `, livraison ${d.shipmentId}` : ''}.`}
            </li>
          ))}
        </ul>
      ) : (
        <p id="balance-agree">Tous les sites concordent.</p>
      )}
    </div>
  );
}
