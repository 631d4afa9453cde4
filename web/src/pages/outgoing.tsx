import { useState } from 'preact/hooks';
import { api, seg } from '../api';
import { useProductNames } from '../catalogue';
import { frDateTime, parseDecimal } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, Table, useAct, useLoad } from '../ui';
import type { Shipment } from './deliveries';
import type { StockLine } from './stock';

/** Shipments from this site (to the exploitant, to pharmacies, or returns), and a form to dispatch one. */
export function Outgoing({ session }: PageProps) {
  const { data } = useLoad(
    () =>
      Promise.all([
        api<Shipment[]>('GET', `/v1/sites/${seg(session.org)}/shipments?direction=outgoing`),
        api<StockLine[]>('GET', `/v1/sites/${seg(session.org)}/stock`),
      ]),
    [session.org],
  );
  const act = useAct();
  const [form, setForm] = useState({ to: '', batch: '', quantity: '', carrier: '', back: false });
  const name = useProductNames((data?.[1] ?? []).map((l) => l.gtin));
  if (!data) return <Loading />;
  const [shipments, stock] = data;
  return (
    <section>
      <h1>Expéditions</h1>
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          const [gtin = '', lot = ''] = form.batch.split('|');
          void act(
            () =>
              api<{ shipmentId: string }>('POST', '/v1/shipments', {
                to: form.to.trim(),
                lines: [{ gtin, lot, quantity: parseDecimal(form.quantity) }],
                ...(form.carrier.trim() ? { carrier: form.carrier.trim() } : {}),
                ...(form.back ? { return: true } : {}),
              }),
            (r) => `Livraison ${r.shipmentId} expédiée.`,
          );
        }}
      >
        <h2>Expédier</h2>
        <div class="row">
          <Field label="Destinataire (identifiant)">
            <input id="s-to" value={form.to} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
          </Field>
          <Field label="Lot">
            <select
              id="s-batch"
              value={form.batch}
              onChange={(e) => setForm({ ...form, batch: e.currentTarget.value })}
            >
              <option value="">— choisir —</option>
              {stock.map((l) => (
                <option key={`${l.gtin}|${l.lot}`} value={`${l.gtin}|${l.lot}`}>
                  {name(l.gtin)} · {l.lot} ({l.quantity} boîtes)
                </option>
              ))}
            </select>
          </Field>
          <Field label="Boîtes">
            <input
              id="s-qty"
              inputMode="numeric"
              value={form.quantity}
              onInput={(e) => setForm({ ...form, quantity: e.currentTarget.value })}
            />
          </Field>
          <Field label="Transporteur">
            <input
              id="s-carrier"
              value={form.carrier}
              onInput={(e) => setForm({ ...form, carrier: e.currentTarget.value })}
            />
          </Field>
          <label class="check">
            <input
              type="checkbox"
              checked={form.back}
              onChange={(e) => setForm({ ...form, back: e.currentTarget.checked })}
            />{' '}
            Retour à qui a fourni ces boîtes
          </label>
        </div>
        <button type="submit">Expédier</button>
      </form>
      <Table
        caption="Livraisons expédiées"
        head={['Livraison', 'Destinataire', 'Expédiée le', 'Contenu', 'État']}
        empty="Aucune expédition."
        id="outgoing"
        rows={shipments.map((s) => (
          <tr key={s.shipmentId}>
            <td>{s.shipmentId}</td>
            <td>{s.to}</td>
            <td>{frDateTime(s.dispatchedAt)}</td>
            <td>{s.lines.map((l) => `${l.lot} × ${l.quantity}`).join(' ; ')}</td>
            <td>{s.status === 'received' ? 'Reçue' : 'En route'}</td>
          </tr>
        ))}
      />
    </section>
  );
}
