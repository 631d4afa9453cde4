import { useRef, useState } from 'preact/hooks';
import { api, seg } from '../api';
import { useProductNames } from '../catalogue';
import { frDateTime } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, ScanField, Table, useAct, useLoad } from '../ui';
import { DISCREPANCIES } from '../words';

interface Line {
  gtin: string;
  lot: string;
  quantity: number;
}
export interface Shipment {
  shipmentId: string;
  from: string;
  to: string;
  lines: Line[];
  carrier: string | null;
  dispatchedAt: string;
  status: string;
}
interface Pack {
  gtin: string;
  lot: string;
  serial: string | null;
}
interface Scan {
  id: number;
  code: string;
  pack?: Pack | null; // undefined: being read; null: unreadable
  refused?: string;
}
interface Discrepancy {
  kind: string;
  lot?: string | null;
  serial?: string;
  scan?: string;
  shipped?: number;
  received?: number;
}

/** Deliveries on their way to this site; receiving one by scanning each pack. Received ones leave the list. */
export function Deliveries({ session }: PageProps) {
  const { data } = useLoad(
    () => api<Shipment[]>('GET', `/v1/sites/${seg(session.org)}/shipments?direction=incoming&status=in_transit`),
    [session.org],
  );
  const [open, setOpen] = useState<Shipment | null>(null);
  const [outcome, setOutcome] = useState<Discrepancy[] | null>(null);
  const name = useProductNames((data ?? []).flatMap((s) => s.lines.map((l) => l.gtin)));
  return (
    <section>
      <h1>Livraisons à réceptionner</h1>
      {!data ? (
        <Loading />
      ) : (
        <Table
          caption="Livraisons en route vers votre établissement"
          head={['Livraison', 'Expéditeur', 'Expédiée le', 'Contenu', '']}
          empty="Aucune livraison en cours."
          id="deliveries"
          rows={data.map((s) => (
            <tr key={s.shipmentId}>
              <td>{s.shipmentId}</td>
              <td>{s.from}</td>
              <td>{frDateTime(s.dispatchedAt)}</td>
              <td>{s.lines.map((l) => `${name(l.gtin)} · lot ${l.lot} × ${l.quantity}`).join(' ; ')}</td>
              <td>
                <button
                  type="button"
                  onClick={() => {
                    setOpen(s);
                    setOutcome(null);
                  }}
                >
                  Réceptionner {s.shipmentId}
                </button>
              </td>
            </tr>
          ))}
        />
      )}
      {open ? (
        <Receipt
          key={open.shipmentId}
          shipment={open}
          done={(discrepancies) => {
            setOpen(null);
            setOutcome(discrepancies);
          }}
        />
      ) : null}
      {outcome?.length ? (
        <section>
          <h2>Écarts constatés</h2>
          <ul id="discrepancies">
            {outcome.map((d, i) => (
              <li key={i} class="bad" data-kind={d.kind}>
                {DISCREPANCIES[d.kind] ?? d.kind} · {d.lot ?? d.scan ?? ''}
                {d.serial ? ` n° ${d.serial}` : ''}
                {d.shipped === undefined ? '' : ` (expédié ${d.shipped}, reçu ${d.received})`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/** Receipt of one shipment: each scan read by the server, counted per lot live; a scan undone or a pack refused. */
function Receipt(props: { shipment: Shipment; done: (discrepancies: Discrepancy[]) => void }) {
  const { shipment } = props;
  const [scans, setScans] = useState<Scan[]>([]);
  const [reason, setReason] = useState('');
  const act = useAct();
  const next = useRef(1);
  const update = (id: number, change: Partial<Scan>) =>
    setScans((list) => list.map((s) => (s.id === id ? { ...s, ...change } : s)));
  const onScan = (code: string) => {
    const id = next.current++;
    setScans((list) => [...list, { id, code }]);
    api<Pack>('POST', '/v1/scans/read', { scan: code }).then(
      (pack) => update(id, { pack }),
      () => update(id, { pack: null }),
    );
  };
  const counted = new Map<string, number>();
  const serials = new Set<string>();
  let twice = 0;
  for (const s of scans) {
    if (!s.pack || s.refused) continue;
    const key = `${s.pack.lot}|${s.pack.serial ?? ''}`;
    if (s.pack.serial && serials.has(key)) twice += 1;
    else {
      if (s.pack.serial) serials.add(key);
      counted.set(s.pack.lot, (counted.get(s.pack.lot) ?? 0) + 1);
    }
  }
  const lots = [...new Set([...shipment.lines.map((l) => l.lot), ...counted.keys()])];
  const reading = scans.filter((s) => s.pack === undefined).length;
  const unreadable = scans.filter((s) => s.pack === null).length;
  const confirm = () =>
    act(
      () =>
        api<{ accepted: Line[]; discrepancies: Discrepancy[] }>(
          'POST',
          `/v1/shipments/${seg(shipment.shipmentId)}/receipt`,
          { scans: scans.filter((s) => !s.refused).map((s) => s.code) },
        ),
      (r) =>
        `Réception enregistrée : ${r.accepted.map((l) => `${l.lot} × ${l.quantity}`).join(', ') || 'aucune boîte acceptée'}.` +
        (r.discrepancies.length ? ` ${r.discrepancies.length} écart(s).` : ''),
    ).then((r) => {
      if (!r) return;
      const refused = scans
        .filter((s) => s.refused)
        .map((s) => ({ kind: 'refused', lot: s.pack?.lot ?? null, serial: `${s.pack?.serial ?? ''} : ${s.refused}` }));
      props.done([...r.discrepancies, ...refused]);
    });
  return (
    <section class="panel">
      <h2>Réception de {shipment.shipmentId}</h2>
      <ScanField label="Scan" id="scan" onScan={onScan} />
      <div class="table" tabIndex={0} role="region" aria-label="Comptage par lot">
        <table id="counts" aria-live="polite">
          <caption>Comptage par lot</caption>
          <thead>
            <tr>
              <th scope="col">Lot</th>
              <th scope="col">Expédié</th>
              <th scope="col">Scanné</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((lot) => {
              const shipped = shipment.lines.find((l) => l.lot === lot)?.quantity ?? 0;
              const scanned = counted.get(lot) ?? 0;
              return (
                <tr key={lot} data-lot={lot} class={scanned === shipped ? 'good' : 'bad'}>
                  <td>{lot}</td>
                  <td>{shipped}</td>
                  <td>{scanned}</td>
                </tr>
              );
            })}
            {reading ? (
              <tr class="reading">
                <td>en lecture</td>
                <td />
                <td>{reading}</td>
              </tr>
            ) : null}
            {unreadable ? (
              <tr class="bad">
                <td>illisibles</td>
                <td />
                <td>{unreadable}</td>
              </tr>
            ) : null}
            {twice ? (
              <tr class="bad">
                <td>scannées deux fois</td>
                <td />
                <td>{twice}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Field
        label="Motif de refus d’une boîte"
        hint="Boîte abîmée ou erronée : saisissez le motif puis « Refuser » sur sa ligne."
      >
        <input id="refuse-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ul id="scans">
        {scans.map((s) => (
          <li key={s.id} class={s.refused ? 'refused' : ''}>
            {s.pack
              ? `Lot ${s.pack.lot}${s.pack.serial ? ` n° ${s.pack.serial}` : ''}`
              : s.pack === null
                ? 'Code illisible'
                : 'Lecture…'}
            {s.refused ? ` — refusée : ${s.refused}` : ''}{' '}
            <button
              type="button"
              class="link"
              onClick={() => setScans((list) => list.filter((other) => other.id !== s.id))}
            >
              Annuler le scan {s.id}
            </button>{' '}
            {!s.refused ? (
              <button
                type="button"
                class="link"
                disabled={!reason.trim()}
                onClick={() => {
                  update(s.id, { refused: reason.trim() });
                  setReason('');
                }}
              >
                Refuser la boîte {s.id}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void confirm()} disabled={reading > 0}>
        Valider la réception
      </button>
    </section>
  );
}
