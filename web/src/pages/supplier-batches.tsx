import { useEffect, useState } from 'preact/hooks';
import { api, seg } from '../api';
import { product, useProductNames, type BatchState, type Product } from '../catalogue';
import { frDate, frNumber, parseDecimal, todayInFrance } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, Table, useAct, useLoad, yesNo } from '../ui';
import { ANALYTES, CONTENT_UNITS } from '../words';
import { failureText } from '../alerts';

interface Failure {
  analyte: string;
  value: number | null;
  limit: number;
  rule: string;
}

/** Supplier: its batches with their state; registration, certificate of analysis and release. */
export function SupplierBatches({ session }: PageProps) {
  const { data } = useLoad(() => api<BatchState[]>('GET', `/v1/batches?supplierId=${seg(session.org)}`), [session.org]);
  const name = useProductNames((data ?? []).map((b) => b.gtin));
  const act = useAct();
  const [chosen, setChosen] = useState<BatchState | null>(null);
  const [form, setForm] = useState({ gtin: '', lot: '', quantity: '', manufacturedOn: '', expiresOn: '' });
  const [qp, setQp] = useState('');
  return (
    <section>
      <h1>Lots du fournisseur</h1>
      {!data ? (
        <Loading />
      ) : (
        <Table
          caption="Vos lots"
          head={['Produit', 'Lot', 'Boîtes', 'Péremption', 'Conforme', 'Libéré', 'Consigné', 'Rappelé', '']}
          empty="Aucun lot enregistré."
          id="batches"
          rows={data.map((b) => (
            <tr key={`${b.gtin}|${b.lot}`}>
              <td>{name(b.gtin)}</td>
              <td>{b.lot}</td>
              <td>{b.quantity}</td>
              <td>{frDate(b.expiresOn)}</td>
              <td>{yesNo(b.conformant)}</td>
              <td>{yesNo(b.released)}</td>
              <td>{yesNo(b.onHold)}</td>
              <td>{yesNo(b.recalled)}</td>
              <td>
                <button type="button" onClick={() => setChosen(b)}>
                  Analyser ou libérer {b.lot}
                </button>
              </td>
            </tr>
          ))}
        />
      )}
      <form
        class="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () =>
              api('POST', '/v1/batches', {
                gtin: form.gtin.trim(),
                lot: form.lot.trim(),
                quantity: parseDecimal(form.quantity),
                manufacturedOn: form.manufacturedOn,
                expiresOn: form.expiresOn,
              }),
            `Lot ${form.lot.trim()} enregistré.`,
          );
        }}
      >
        <h2>Enregistrer un lot</h2>
        <div class="row">
          <Field label="GTIN du produit">
            <input
              id="b-gtin"
              inputMode="numeric"
              value={form.gtin}
              onInput={(e) => setForm({ ...form, gtin: e.currentTarget.value })}
            />
          </Field>
          <Field label="Numéro de lot">
            <input id="b-lot" value={form.lot} onInput={(e) => setForm({ ...form, lot: e.currentTarget.value })} />
          </Field>
          <Field label="Nombre de boîtes">
            <input
              id="b-qty"
              inputMode="numeric"
              value={form.quantity}
              onInput={(e) => setForm({ ...form, quantity: e.currentTarget.value })}
            />
          </Field>
          <Field label="Fabriqué le">
            <input
              id="b-made"
              type="date"
              value={form.manufacturedOn}
              onInput={(e) => setForm({ ...form, manufacturedOn: e.currentTarget.value })}
            />
          </Field>
          <Field label="Périme le">
            <input
              id="b-exp"
              type="date"
              value={form.expiresOn}
              onInput={(e) => setForm({ ...form, expiresOn: e.currentTarget.value })}
            />
          </Field>
        </div>
        <button type="submit">Enregistrer le lot</button>
      </form>
      {chosen ? (
        <section class="panel" id="chosen">
          <h2>Lot {chosen.lot}</h2>
          <Analysis key={`${chosen.gtin}|${chosen.lot}`} batch={chosen} />
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void act(
                () =>
                  api('POST', `/v1/batches/${seg(chosen.gtin)}/${seg(chosen.lot)}/release`, {
                    qualifiedPerson: qp.trim(),
                  }),
                `Lot ${chosen.lot} libéré.`,
              );
            }}
          >
            <Field label="Pharmacien responsable (personne qualifiée)">
              <input id="qp" value={qp} onInput={(e) => setQp(e.currentTarget.value)} />
            </Field>
            <button type="submit">Libérer le lot</button>
          </form>
        </section>
      ) : null}
    </section>
  );
}

/** The certificate of analysis: THC, CBD and every contaminant the product's specification limits, with units. */
function Analysis(props: { batch: BatchState }) {
  const act = useAct();
  const [spec, setSpec] = useState<Product | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [laboratory, setLaboratory] = useState('');
  const [sampledOn, setSampledOn] = useState(todayInFrance());
  const [certificate, setCertificate] = useState('');
  const [failures, setFailures] = useState<Failure[] | null>(null);
  useEffect(() => void product(props.batch.gtin).then(setSpec), [props.batch.gtin]);
  if (!spec) return <Loading />;
  const declaredUnit = CONTENT_UNITS[spec.contentUnit] ?? spec.contentUnit;
  const analytes = ['thc', 'cbd', ...Object.keys(spec.limits ?? {})];
  const results: Record<string, number | null> = {};
  for (const a of analytes) if (values[a]?.trim()) results[a] = parseDecimal(values[a] ?? '');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void act(
          () =>
            api<{ conformant: boolean; failures: Failure[] }>(
              'POST',
              `/v1/batches/${seg(props.batch.gtin)}/${seg(props.batch.lot)}/analyses`,
              {
                laboratory: laboratory.trim(),
                sampledOn,
                certificateSha256: certificate.trim().toLowerCase(),
                results,
              },
            ),
          (r) => (r.conformant ? 'Analyse conforme.' : 'Analyse non conforme.'),
        ).then((r) => r && setFailures(r.failures));
      }}
    >
      <h3>Certificat d’analyse</h3>
      <div class="row">
        <Field label="Laboratoire">
          <input id="a-lab" value={laboratory} onInput={(e) => setLaboratory(e.currentTarget.value)} />
        </Field>
        <Field label="Prélevé le">
          <input id="a-sampled" type="date" value={sampledOn} onInput={(e) => setSampledOn(e.currentTarget.value)} />
        </Field>
        <Field label="Empreinte SHA-256 du certificat">
          <input id="a-sha" size={66} value={certificate} onInput={(e) => setCertificate(e.currentTarget.value)} />
        </Field>
      </div>
      <div class="row analytes">
        {analytes.map((a) => {
          const unit = ANALYTES[a]?.unit || declaredUnit;
          const limit = spec.limits?.[a];
          return (
            <Field
              key={a}
              label={`${ANALYTES[a]?.label ?? a} (${unit})`}
              hint={
                a === 'thc' || a === 'cbd'
                  ? `déclaré ${frNumber(spec.declared[a])} ± ${frNumber(spec.tolerancePercent)} %`
                  : `limite ${frNumber(limit)}`
              }
            >
              <input
                id={`a-${a}`}
                inputMode="decimal"
                value={values[a] ?? ''}
                onInput={(e) => setValues({ ...values, [a]: e.currentTarget.value })}
              />
            </Field>
          );
        })}
      </div>
      <button type="submit">Enregistrer l’analyse</button>
      {failures?.length ? (
        <ul id="failures">
          {failures.map((f) => (
            <li key={f.analyte} class="bad">
              {failureText(f, declaredUnit)}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
