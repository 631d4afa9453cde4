import { api, seg } from '../api';
import { batchState, useProductNames, type BatchState } from '../catalogue';
import { frDate } from '../format';
import type { PageProps } from '../menus';
import { Loading, Table, useLoad } from '../ui';

export interface StockLine {
  gtin: string;
  lot: string;
  quantity: number;
}

/** This site's stock with product names and expiry; recalled or held batches flagged. */
export function Stock({ session }: PageProps) {
  const { data } = useLoad(async () => {
    const lines = await api<StockLine[]>('GET', `/v1/sites/${seg(session.org)}/stock`);
    const states = await Promise.all(lines.map((l) => batchState(l.gtin, l.lot)));
    return lines.map((line, i) => ({ line, state: states[i] }));
  }, [session.org]);
  const name = useProductNames((data ?? []).map((d) => d.line.gtin));
  return (
    <section>
      <h1>Stock</h1>
      {!data ? (
        <Loading />
      ) : (
        <Table
          caption="Boîtes détenues par lot"
          head={['Produit', 'Lot', 'Boîtes', 'Péremption', 'État']}
          empty="Aucune boîte en stock."
          id="stock"
          rows={data.map(({ line, state }) => (
            <tr key={`${line.gtin}|${line.lot}`} class={flagOf(state) ? 'bad' : ''}>
              <td>{name(line.gtin)}</td>
              <td>{line.lot}</td>
              <td>{line.quantity}</td>
              <td>{frDate(state?.expiresOn)}</td>
              <td>{flagOf(state) ?? 'Disponible'}</td>
            </tr>
          ))}
        />
      )}
    </section>
  );
}

const flagOf = (state: BatchState | null): string | undefined =>
  state?.recalled
    ? 'Rappelé : ne pas délivrer'
    : state?.onHold
      ? 'Consigné par l’ANSM'
      : state && state.expiresOn <= new Date().toISOString().slice(0, 10)
        ? 'Périmé'
        : undefined;
