import { useState } from 'preact/hooks';
import { api, saveFile, seg } from '../api';
import { useProductNames } from '../catalogue';
import { frDateTime, frNumber, parseDecimal, todayInFrance } from '../format';
import type { PageProps } from '../menus';
import { Field, Loading, Table, useAct, useLoad } from '../ui';
import { MOVEMENTS } from '../words';
import type { StockLine } from './stock';

interface Entry {
  revision: number;
  occurredAt: string;
  actor: string;
  movement: string;
  direction: 'entry' | 'exit';
  gtin: string;
  lot: string;
  quantity: number;
  balance: number;
  reference: string | null;
  counterparty: string | null;
}
interface Balance {
  gtin: string;
  lot: string;
  opening: number;
  entries: number;
  exits: number;
  closing: number;
}

/** The signed-in site's own register, with its forms. */
export const OwnRegister = ({ session }: PageProps) => <RegisterView site={session.org} editable />;

/** A site's narcotics register in French: entries of the month, monthly balance, CSV export and print. */
export function RegisterView(props: { site: string; editable?: boolean }) {
  const [month, setMonth] = useState(todayInFrance().slice(0, 7));
  const { data } = useLoad(
    () =>
      Promise.all([
        api<Entry[]>('GET', `/v1/sites/${seg(props.site)}/register`),
        api<Balance[]>('GET', `/v1/sites/${seg(props.site)}/register/balance?month=${month}`),
      ]),
    [props.site, month],
  );
  const entries = (data?.[0] ?? []).filter((e) => e.occurredAt.slice(0, 7) === month);
  const balance = data?.[1] ?? [];
  const name = useProductNames([...entries, ...balance].map((e) => e.gtin));
  const head = ['Date', 'Mouvement', 'Produit', 'Lot', 'Quantité', 'Solde', 'Acteur', 'Contrepartie', 'Référence'];
  const cells = (e: Entry) => [
    frDateTime(e.occurredAt),
    MOVEMENTS[e.movement] ?? e.movement,
    name(e.gtin),
    e.lot,
    `${e.direction === 'exit' ? '−' : '+'}${e.quantity}`,
    String(e.balance),
    e.actor,
    e.counterparty ?? '—',
    e.reference ?? '—',
  ];
  const csv = () =>
    saveFile(
      `registre-${props.site}-${month}.csv`,
      'text/csv;charset=utf-8',
      '\ufeff' +
        [head, ...entries.map(cells)]
          .map((row) => row.map((c) => `"${c.replaceAll('"', '""')}"`).join(';'))
          .join('\r\n'),
    );
  return (
    <section class="register">
      <h1>Registre des stupéfiants · {props.site}</h1>
      <div class="row no-print">
        <Field label="Mois">
          <input type="month" id="month" value={month} onInput={(e) => setMonth(e.currentTarget.value)} />
        </Field>
        <button type="button" onClick={csv}>
          Exporter en CSV
        </button>
        <button type="button" onClick={() => window.print()}>
          Imprimer
        </button>
      </div>
      {!data ? (
        <Loading />
      ) : (
        <>
          <Table
            caption={`Mouvements du mois ${month}`}
            head={head}
            empty="Aucun mouvement ce mois-ci."
            id="register"
            rows={entries.map((e) => (
              <tr key={e.revision} data-movement={e.movement}>
                {cells(e).map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          />
          <h2>Bilan mensuel</h2>
          <Table
            caption={`Bilan du mois ${month}`}
            head={['Produit', 'Lot', 'Solde d’ouverture', 'Entrées', 'Sorties', 'Solde de clôture']}
            empty="Aucun lot ce mois-ci."
            id="balance"
            rows={balance.map((b) => (
              <tr key={`${b.gtin}|${b.lot}`}>
                <td>{name(b.gtin)}</td>
                <td>{b.lot}</td>
                <td>{b.opening}</td>
                <td>{b.entries}</td>
                <td>{b.exits}</td>
                <td>{b.closing}</td>
              </tr>
            ))}
          />
        </>
      )}
      {props.editable ? <RegisterForms site={props.site} /> : null}
    </section>
  );
}

const whole = (text: string) => {
  const n = parseDecimal(text);
  return n === null ? NaN : n;
};

/** Inventory, loss or theft, destruction: the site's own writes to its register. */
function RegisterForms(props: { site: string }) {
  const act = useAct();
  const { data: stock } = useLoad(() => api<StockLine[]>('GET', `/v1/sites/${seg(props.site)}/stock`), [props.site]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [loss, setLoss] = useState({
    batch: '',
    quantity: '',
    kind: 'loss',
    occurredOn: todayInFrance(),
    police: '',
    ars: '',
    ansm: '',
  });
  const [destruction, setDestruction] = useState({
    batch: '',
    quantity: '',
    destroyedOn: todayInFrance(),
    witnessRpps: '',
    reportReference: '',
    arsNotifiedOn: '',
  });
  const held = stock ?? [];
  const batchOf = (key: string) => {
    const [gtin = '', lot = ''] = key.split('|');
    return { gtin, lot };
  };
  const batchPicker = (value: string, set: (v: string) => void, id: string) => (
    <Field label="Lot">
      <select id={id} value={value} onChange={(e) => set(e.currentTarget.value)}>
        <option value="">— choisir —</option>
        {held.map((l) => (
          <option key={`${l.gtin}|${l.lot}`} value={`${l.gtin}|${l.lot}`}>
            {l.lot} ({frNumber(l.quantity)} boîtes)
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <div class="forms no-print">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () =>
              api('POST', `/v1/sites/${seg(props.site)}/register/inventories`, {
                countedOn: todayInFrance(),
                counts: held.map((l) => ({
                  gtin: l.gtin,
                  lot: l.lot,
                  quantity: whole(counts[`${l.gtin}|${l.lot}`] ?? String(l.quantity)),
                })),
              }),
            'Inventaire enregistré.',
          );
        }}
      >
        <h2>Inventaire</h2>
        {held.length === 0 ? <p class="empty">Aucun lot détenu.</p> : null}
        {held.map((l) => (
          <Field key={`${l.gtin}|${l.lot}`} label={`Boîtes comptées du lot ${l.lot}`}>
            <input
              inputMode="numeric"
              value={counts[`${l.gtin}|${l.lot}`] ?? String(l.quantity)}
              onInput={(e) => setCounts({ ...counts, [`${l.gtin}|${l.lot}`]: e.currentTarget.value })}
            />
          </Field>
        ))}
        <button type="submit">Enregistrer l’inventaire</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () =>
              api('POST', `/v1/sites/${seg(props.site)}/register/losses`, {
                ...batchOf(loss.batch),
                quantity: whole(loss.quantity),
                kind: loss.kind,
                occurredOn: loss.occurredOn,
                declarations: { police: loss.police.trim(), ars: loss.ars.trim(), ansm: loss.ansm.trim() },
              }),
            loss.kind === 'theft' ? 'Vol déclaré.' : 'Perte déclarée.',
          );
        }}
      >
        <h2>Perte ou vol</h2>
        {batchPicker(loss.batch, (batch) => setLoss({ ...loss, batch }), 'loss-batch')}
        <Field label="Boîtes">
          <input
            id="loss-quantity"
            inputMode="numeric"
            value={loss.quantity}
            onInput={(e) => setLoss({ ...loss, quantity: e.currentTarget.value })}
          />
        </Field>
        <Field label="Nature">
          <select id="loss-kind" value={loss.kind} onChange={(e) => setLoss({ ...loss, kind: e.currentTarget.value })}>
            <option value="loss">Perte</option>
            <option value="theft">Vol</option>
          </select>
        </Field>
        <Field label="Constatée le">
          <input
            type="date"
            value={loss.occurredOn}
            onInput={(e) => setLoss({ ...loss, occurredOn: e.currentTarget.value })}
          />
        </Field>
        <Field label="Référence de la déclaration à la police">
          <input
            id="loss-police"
            value={loss.police}
            onInput={(e) => setLoss({ ...loss, police: e.currentTarget.value })}
          />
        </Field>
        <Field label="Référence de la déclaration à l’ARS">
          <input id="loss-ars" value={loss.ars} onInput={(e) => setLoss({ ...loss, ars: e.currentTarget.value })} />
        </Field>
        <Field label="Référence de la déclaration à l’ANSM">
          <input id="loss-ansm" value={loss.ansm} onInput={(e) => setLoss({ ...loss, ansm: e.currentTarget.value })} />
        </Field>
        <button type="submit">Déclarer</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(
            () =>
              api('POST', `/v1/sites/${seg(props.site)}/register/destructions`, {
                ...batchOf(destruction.batch),
                quantity: whole(destruction.quantity),
                destroyedOn: destruction.destroyedOn,
                witnessRpps: destruction.witnessRpps.trim(),
                reportReference: destruction.reportReference.trim(),
                arsNotifiedOn: destruction.arsNotifiedOn,
              }),
            'Destruction enregistrée.',
          );
        }}
      >
        <h2>Destruction</h2>
        {batchPicker(destruction.batch, (batch) => setDestruction({ ...destruction, batch }), 'destruction-batch')}
        <Field label="Boîtes détruites">
          <input
            id="destruction-quantity"
            inputMode="numeric"
            value={destruction.quantity}
            onInput={(e) => setDestruction({ ...destruction, quantity: e.currentTarget.value })}
          />
        </Field>
        <Field label="Détruites le">
          <input
            type="date"
            value={destruction.destroyedOn}
            onInput={(e) => setDestruction({ ...destruction, destroyedOn: e.currentTarget.value })}
          />
        </Field>
        <Field label="RPPS du pharmacien témoin">
          <input
            id="witness"
            value={destruction.witnessRpps}
            onInput={(e) => setDestruction({ ...destruction, witnessRpps: e.currentTarget.value })}
          />
        </Field>
        <Field label="Référence du procès-verbal">
          <input
            id="report"
            value={destruction.reportReference}
            onInput={(e) => setDestruction({ ...destruction, reportReference: e.currentTarget.value })}
          />
        </Field>
        <Field label="ARS informée le">
          <input
            id="ars"
            type="date"
            value={destruction.arsNotifiedOn}
            onInput={(e) => setDestruction({ ...destruction, arsNotifiedOn: e.currentTarget.value })}
          />
        </Field>
        <button type="submit">Enregistrer la destruction</button>
      </form>
    </div>
  );
}
