import { useState } from 'preact/hooks';
import { api, seg } from '../api';
import { useProductNames } from '../catalogue';
import { frDate, parseDecimal, todayInFrance } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, Table, useAct, useLoad } from '../ui';
import { INDICATIONS } from '../words';

interface Summary {
  prescriptionId: string;
  patientId: string;
  indication: string;
  gtin: string;
  quantity: number;
  pharmacyId: string;
  issuedOn: string;
  status: string;
  dispensedQuantity: number;
}

/** Prescriber: include a patient (the cap left shown), prescribe, renew, cancel, print the attestation. */
export function Patients({ session }: PageProps) {
  const { data } = useLoad(
    () =>
      Promise.all([
        api<{ indication: string; cap: number; included: number }[]>('GET', '/v1/indications'),
        api<Summary[]>('GET', `/v1/prescriptions?prescriberRpps=${seg(session.sub)}`),
      ]),
    [session.sub],
  );
  const act = useAct();
  const [inclusion, setInclusion] = useState({
    indication: 'NEUROPATHIC_PAIN',
    includedOn: todayInFrance(),
    consent: false,
  });
  const [included, setIncluded] = useState<{ patientId: string; attestationNumber: string; indication: string } | null>(
    null,
  );
  const blank = {
    number: '',
    patientId: '',
    indication: 'NEUROPATHIC_PAIN',
    gtin: '',
    dailyDose: '',
    durationDays: '28',
    quantity: '',
    pharmacyId: '',
    renewalOf: '',
  };
  const [rx, setRx] = useState(blank);
  const [cancelReason, setCancelReason] = useState('');
  const name = useProductNames((data?.[1] ?? []).map((p) => p.gtin));
  if (!data) return <Loading />;
  const [indications, prescriptions] = data;
  return (
    <section>
      <h1>Patients et ordonnances</h1>
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () => api<{ patientId: string; attestationNumber: string }>('POST', '/v1/patients', inclusion),
            'Patient inclus.',
          ).then((r) => r && setIncluded({ ...r, indication: inclusion.indication }));
        }}
      >
        <h2>Inclure un patient</h2>
        <p>cannatrace attribue le pseudonyme du patient : ne saisissez ni nom, ni date de naissance, ni NIR.</p>
        <div class="row">
          <Field label="Indication">
            <select
              id="indication"
              value={inclusion.indication}
              onChange={(e) => setInclusion({ ...inclusion, indication: e.currentTarget.value })}
            >
              {indications.map((i) => (
                <option key={i.indication} value={i.indication}>
                  {INDICATIONS[i.indication] ?? i.indication} — {Math.max(0, i.cap - i.included)} place(s) sur {i.cap}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Date d’inclusion">
            <input
              id="included-on"
              type="date"
              value={inclusion.includedOn}
              onInput={(e) => setInclusion({ ...inclusion, includedOn: e.currentTarget.value })}
            />
          </Field>
          <label class="check">
            <input
              id="consent"
              type="checkbox"
              checked={inclusion.consent}
              onChange={(e) => setInclusion({ ...inclusion, consent: e.currentTarget.checked })}
            />{' '}
            Le patient a donné son consentement
          </label>
        </div>
        <button type="submit">Inclure le patient</button>
      </form>
      {included ? (
        <section class="attestation" id="included">
          <h2>Attestation d’inclusion {included.attestationNumber}</h2>
          <p>
            Pseudonyme attribué : <strong id="pseudonym">{included.patientId}</strong> · indication{' '}
            {INDICATIONS[included.indication]} · attestation {included.attestationNumber}. Reportez ce pseudonyme sur
            l’ordonnance.
          </p>
          <button type="button" class="no-print" onClick={() => window.print()}>
            Imprimer l’attestation
          </button>
        </section>
      ) : null}
      <form
        class="panel no-print"
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () =>
              api<{ prescriptionId: string }>('POST', '/v1/prescriptions', {
                securePrescriptionNumber: rx.number.trim(),
                patientId: rx.patientId.trim(),
                indication: rx.indication,
                gtin: rx.gtin.trim(),
                dailyDose: parseDecimal(rx.dailyDose),
                durationDays: parseDecimal(rx.durationDays),
                quantity: parseDecimal(rx.quantity),
                pharmacyId: rx.pharmacyId.trim(),
                issuedOn: todayInFrance(),
                ...(rx.renewalOf ? { renewalOf: rx.renewalOf } : {}),
              }),
            (r) => `Ordonnance ${r.prescriptionId} émise.`,
          ).then((r) => r && setRx(blank));
        }}
      >
        <h2>{rx.renewalOf ? `Renouveler l’ordonnance ${rx.renewalOf}` : 'Prescrire'}</h2>
        <div class="row">
          <Field label="N° d’ordonnance sécurisée">
            <input id="p-number" value={rx.number} onInput={(e) => setRx({ ...rx, number: e.currentTarget.value })} />
          </Field>
          <Field label="Pseudonyme du patient">
            <input
              id="p-patient"
              value={rx.patientId}
              onInput={(e) => setRx({ ...rx, patientId: e.currentTarget.value })}
            />
          </Field>
          <Field label="Indication">
            <select
              id="p-indication"
              value={rx.indication}
              onChange={(e) => setRx({ ...rx, indication: e.currentTarget.value })}
            >
              {indications.map((i) => (
                <option key={i.indication} value={i.indication}>
                  {INDICATIONS[i.indication] ?? i.indication}
                </option>
              ))}
            </select>
          </Field>
          <Field label="GTIN du produit">
            <input
              id="p-gtin"
              inputMode="numeric"
              value={rx.gtin}
              onInput={(e) => setRx({ ...rx, gtin: e.currentTarget.value })}
            />
          </Field>
          <Field label="Dose quotidienne">
            <input
              id="p-dose"
              inputMode="decimal"
              value={rx.dailyDose}
              onInput={(e) => setRx({ ...rx, dailyDose: e.currentTarget.value })}
            />
          </Field>
          <Field label="Durée (jours, 28 au plus)">
            <input
              id="p-days"
              inputMode="numeric"
              value={rx.durationDays}
              onInput={(e) => setRx({ ...rx, durationDays: e.currentTarget.value })}
            />
          </Field>
          <Field label="Boîtes">
            <input
              id="p-qty"
              inputMode="numeric"
              value={rx.quantity}
              onInput={(e) => setRx({ ...rx, quantity: e.currentTarget.value })}
            />
          </Field>
          <Field label="Pharmacie (identifiant)">
            <input
              id="p-pharmacy"
              value={rx.pharmacyId}
              onInput={(e) => setRx({ ...rx, pharmacyId: e.currentTarget.value })}
            />
          </Field>
        </div>
        <button type="submit">{rx.renewalOf ? 'Renouveler' : 'Prescrire'}</button>
      </form>
      <div class="no-print">
        <Field label="Motif d’annulation">
          <input id="cancel-reason" value={cancelReason} onInput={(e) => setCancelReason(e.currentTarget.value)} />
        </Field>
        <Table
          caption="Vos ordonnances"
          head={['Ordonnance', 'Patient', 'Indication', 'Produit', 'Pharmacie', 'Émise le', 'Délivrées', 'État', '']}
          empty="Aucune ordonnance."
          id="prescriptions"
          rows={prescriptions.map((p) => (
            <tr key={p.prescriptionId}>
              <td>{p.prescriptionId}</td>
              <td>{p.patientId}</td>
              <td>{INDICATIONS[p.indication] ?? p.indication}</td>
              <td>{name(p.gtin)}</td>
              <td>{p.pharmacyId}</td>
              <td>{frDate(p.issuedOn)}</td>
              <td>
                {p.dispensedQuantity} / {p.quantity}
              </td>
              <td>{p.status === 'cancelled' ? 'Annulée' : 'Valable'}</td>
              <td>
                <button
                  type="button"
                  class="link"
                  onClick={() =>
                    setRx({
                      ...blank,
                      patientId: p.patientId,
                      indication: p.indication,
                      gtin: p.gtin,
                      pharmacyId: p.pharmacyId,
                      quantity: String(p.quantity),
                      renewalOf: p.prescriptionId,
                    })
                  }
                >
                  Renouveler {p.prescriptionId}
                </button>{' '}
                {p.status !== 'cancelled' ? (
                  <button
                    type="button"
                    class="link"
                    onClick={() =>
                      void act(
                        () =>
                          api('POST', `/v1/prescriptions/${seg(p.prescriptionId)}/cancel`, {
                            reason: cancelReason.trim(),
                          }),
                        `Ordonnance ${p.prescriptionId} annulée.`,
                      )
                    }
                  >
                    Annuler {p.prescriptionId}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        />
      </div>
    </section>
  );
}
