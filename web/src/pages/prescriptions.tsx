import { useState } from 'preact/hooks';
import { api, seg } from '../api';
import { useProductNames } from '../catalogue';
import { frDate, frDateTime } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, ScanField, Table, useAct, useLoad } from '../ui';
import { INDICATIONS } from '../words';

interface Summary {
  prescriptionId: string;
  patientId: string;
  indication: string;
  gtin: string;
  quantity: number;
  durationDays: number;
  issuedOn: string;
  status: string;
  dispensedQuantity: number;
}
interface Prescription extends Summary {
  dailyDose: number;
  remainingQuantity: number;
  dispensations: { dispensationId: string; lot: string; serial: string | null; dispensedAt: string }[];
}

/** Prescriptions waiting at this pharmacy; one found by scan or number, then dispensed by scanning its packs. */
export function Prescriptions({ session }: PageProps) {
  const { data } = useLoad(
    () => api<Summary[]>('GET', `/v1/prescriptions?pharmacyId=${seg(session.org)}`),
    [session.org],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  const name = useProductNames((data ?? []).map((p) => p.gtin));
  const waiting = (data ?? []).filter((p) => p.status === 'issued' && p.dispensedQuantity < p.quantity);
  return (
    <section>
      <h1>Ordonnances</h1>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (number.trim()) setChosen(number.trim());
        }}
      >
        <Field label="N° d’ordonnance sécurisée (scan ou saisie)">
          <input id="rx" value={number} onInput={(e) => setNumber(e.currentTarget.value)} autoComplete="off" />
        </Field>
        <button type="submit">Ouvrir l’ordonnance</button>
      </form>
      {chosen ? <Dispensing key={chosen} id={chosen} /> : null}
      <h2>En attente à la pharmacie</h2>
      {!data ? (
        <Loading />
      ) : (
        <Table
          caption="Ordonnances à délivrer"
          head={['Ordonnance', 'Patient', 'Indication', 'Produit', 'Délivrées', 'Prescrite le', '']}
          empty="Aucune ordonnance en attente."
          id="waiting"
          rows={waiting.map((p) => (
            <tr key={p.prescriptionId}>
              <td>{p.prescriptionId}</td>
              <td>{p.patientId}</td>
              <td>{INDICATIONS[p.indication] ?? p.indication}</td>
              <td>{name(p.gtin)}</td>
              <td>
                {p.dispensedQuantity} / {p.quantity}
              </td>
              <td>{frDate(p.issuedOn)}</td>
              <td>
                <button type="button" onClick={() => setChosen(p.prescriptionId)}>
                  Délivrer {p.prescriptionId}
                </button>
              </td>
            </tr>
          ))}
        />
      )}
    </section>
  );
}

function Dispensing(props: { id: string }) {
  const { data, error } = useLoad(() => api<Prescription>('GET', `/v1/prescriptions/${seg(props.id)}`), [props.id]);
  const act = useAct();
  const name = useProductNames(data ? [data.gtin] : []);
  if (error)
    return (
      <p class="problem" id="prescription-problem">
        {error}
      </p>
    );
  if (!data) return <Loading />;
  return (
    <section class="panel" id="prescription">
      <h2>Ordonnance {data.prescriptionId}</h2>
      <dl class="facts">
        <dt>Patient (pseudonyme)</dt>
        <dd>{data.patientId}</dd>
        <dt>Indication</dt>
        <dd>{INDICATIONS[data.indication] ?? data.indication}</dd>
        <dt>Produit</dt>
        <dd>{name(data.gtin)}</dd>
        <dt>Prescrite le</dt>
        <dd>
          {frDate(data.issuedOn)} pour {data.durationDays} jours
        </dd>
        <dt>Boîtes prescrites</dt>
        <dd>{data.quantity}</dd>
        <dt>Boîtes délivrables aujourd’hui</dt>
        <dd id="remaining">{data.remainingQuantity}</dd>
        <dt>État</dt>
        <dd>{data.status === 'cancelled' ? 'Annulée' : 'Valable'}</dd>
      </dl>
      {data.remainingQuantity > 0 ? (
        <ScanField
          label="Boîte à délivrer"
          id="dispense-scan"
          onScan={(scan) =>
            void act(
              () => api('POST', '/v1/dispensations', { prescriptionId: data.prescriptionId, quantity: 1, scan }),
              'Boîte délivrée.',
            )
          }
        />
      ) : (
        <p class="empty">Plus aucune boîte à délivrer aujourd’hui sur cette ordonnance.</p>
      )}
      {data.dispensations.length ? (
        <ul id="dispensed">
          {data.dispensations.map((d) => (
            <li key={d.dispensationId}>
              Délivrée le {frDateTime(d.dispensedAt)} : lot {d.lot}
              {d.serial ? ` n° ${d.serial}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
