import { useContext, useState } from 'preact/hooks';
import { api, saveFile, seg } from '../api';
import { useProductNames, type BatchState } from '../catalogue';
import { frDateTime, parisInstant } from '../format';
import type { PageProps } from '../menus';
import { Desk, Field, Loading, Table, useAct, useLoad, yesNo } from '../ui';
import { eventName } from '../words';
import { BatchBalance } from './batch-balance';

interface HistoryEvent {
  type: string;
  stream: string;
  revision: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; organisation: string };
  data: Record<string, unknown>;
}
interface History {
  events: HistoryEvent[];
  state: { released: boolean; onHold: boolean; recalled: boolean } | null;
}
interface Line {
  gtin: string;
  lot: string;
  quantity: number;
}
interface RecallProgress {
  recalled: boolean;
  complete: boolean;
  reason: string | null;
  sites: {
    organisationId: string;
    notified: number | null;
    acknowledgedAt: string | null;
    quarantined: number | null;
    returned: number;
    returnsInTransit: number;
    incoming: number;
    onHand: number;
    complete: boolean;
  }[];
}

/** ANSM: a batch picked from a searchable list, its journey and timeline as of a date, hold / lift / recall. */
export function BatchInquiry(_: PageProps) {
  const { data: batches } = useLoad(() => api<BatchState[]>('GET', '/v1/batches'));
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ gtin: string; lot: string } | null>(null);
  const name = useProductNames((batches ?? []).map((b) => b.gtin));
  const text = search.trim().toLowerCase();
  const found = (batches ?? []).filter(
    (b) => !text || `${b.lot} ${b.gtin} ${name(b.gtin)}`.toLowerCase().includes(text),
  );
  return (
    <section>
      <h1>Lots</h1>
      <Field label="Rechercher un lot (lot, GTIN ou produit)">
        <input id="batch-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </Field>
      {!batches ? (
        <Loading />
      ) : (
        <Table
          caption="Lots enregistrés"
          head={['Produit', 'Lot', 'Libéré', 'Consigné', 'Rappelé', '']}
          empty="Aucun lot ne correspond."
          id="batches"
          rows={found.slice(0, 50).map((b) => (
            <tr key={`${b.gtin}|${b.lot}`}>
              <td>{name(b.gtin)}</td>
              <td>{b.lot}</td>
              <td>{yesNo(b.released)}</td>
              <td>{yesNo(b.onHold)}</td>
              <td>{yesNo(b.recalled)}</td>
              <td>
                <button type="button" onClick={() => setChosen({ gtin: b.gtin, lot: b.lot })}>
                  Examiner {b.lot}
                </button>
              </td>
            </tr>
          ))}
        />
      )}
      {chosen ? <Batch key={`${chosen.gtin}|${chosen.lot}`} gtin={chosen.gtin} lot={chosen.lot} /> : null}
    </section>
  );
}

function Batch(props: { gtin: string; lot: string }) {
  const path = `/v1/batches/${seg(props.gtin)}/${seg(props.lot)}`;
  const [asOf, setAsOf] = useState('');
  const [reason, setReason] = useState('');
  const [impact, setImpact] = useState<string[]>([]);
  const act = useAct();
  const { say } = useContext(Desk);
  const query = asOf ? `?asOf=${encodeURIComponent(parisInstant(asOf))}` : '';
  const { data } = useLoad(
    () =>
      Promise.all([
        api<History>('GET', `/v1/audit/batches/${seg(props.gtin)}/${seg(props.lot)}/history${query}`),
        api<RecallProgress>('GET', `${path}/recall`),
      ]),
    [path, query],
  );
  const command = (action: 'hold' | 'lift-hold' | 'recall', question: string, success: string) => {
    if (!reason.trim()) return say('Saisissez le motif de la décision.', 'error');
    if (!window.confirm(`${question}\nMotif : ${reason.trim()}`)) return;
    void act(
      () =>
        api<{ impact?: { sitesHolding: { organisationId: string; onHand: number }[]; patients: string[] } }>(
          'POST',
          `${path}/${action}`,
          { reason: reason.trim() },
        ),
      success,
    ).then((r) => {
      if (r?.impact)
        setImpact([
          ...r.impact.sitesHolding.map((s) => `${s.organisationId} détient encore ${s.onHand} boîte(s)`),
          ...r.impact.patients.map((p) => `Patient ${p} à contacter`),
        ]);
      setReason('');
    });
  };
  const epcis = async () => {
    const document = await api<unknown>('GET', `/v1/audit/batches/${seg(props.gtin)}/${seg(props.lot)}/epcis`);
    saveFile(`epcis-${props.lot}.jsonld`, 'application/ld+json', JSON.stringify(document, null, 2));
  };
  if (!data) return <Loading />;
  const [history, recall] = data;
  const state = history.state;
  return (
    <section class="panel" id="batch">
      <h2>Lot {props.lot}</h2>
      <Field label="État au (heure de Paris ; vide : maintenant)">
        <input id="asof" type="datetime-local" value={asOf} onInput={(e) => setAsOf(e.currentTarget.value)} />
      </Field>
      <p id="state" aria-live="polite">
        {state
          ? `Libéré : ${yesNo(state.released)} · Consigné : ${yesNo(state.onHold)} · Rappelé : ${yesNo(state.recalled)}`
          : 'Lot inexistant à cette date.'}
      </p>
      <h3>Parcours</h3>
      <Journey events={history.events} />
      {asOf ? null : <BatchBalance gtin={props.gtin} lot={props.lot} />}
      <h3>Chronologie</h3>
      <ol id="timeline">
        {history.events.map((e) => (
          <li key={`${e.stream}|${e.revision}`}>
            <time dateTime={e.occurredAt}>{frDateTime(e.occurredAt)}</time> · {eventName(e.type)} ·{' '}
            {e.actor.organisation}
          </li>
        ))}
      </ol>
      {asOf ? null : (
        <div class="row actions">
          <Field label="Motif de la décision">
            <input id="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </Field>
          {state && !state.recalled && !state.onHold ? (
            <button type="button" onClick={() => command('hold', `Consigner le lot ${props.lot} ?`, 'Lot consigné.')}>
              Consigner ce lot
            </button>
          ) : null}
          {state?.onHold && !state.recalled ? (
            <button
              type="button"
              onClick={() => command('lift-hold', `Lever la consignation du lot ${props.lot} ?`, 'Consignation levée.')}
            >
              Lever la consignation
            </button>
          ) : null}
          {state && !state.recalled ? (
            <button
              type="button"
              class="danger"
              onClick={() =>
                command('recall', `Rappeler le lot ${props.lot} ? Ce rappel est définitif.`, 'Rappel enregistré.')
              }
            >
              Rappeler ce lot
            </button>
          ) : null}
        </div>
      )}
      {impact.length ? (
        <ul id="impact">
          {impact.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <div class="row">
        <button type="button" onClick={() => void epcis()}>
          Télécharger l’historique EPCIS
        </button>
      </div>
      {recall.recalled ? (
        <div id="recall-progress">
          <h3>Suivi du rappel {recall.complete ? '(terminé)' : '(en cours)'}</h3>
          <Table
            caption={`Motif : ${recall.reason ?? '—'}`}
            head={[
              'Site',
              'Notifié',
              'Pris en compte le',
              'Quarantaine',
              'Retourné',
              'Retour en transit',
              'À recevoir',
              'Détenu',
              'Terminé',
            ]}
            empty="Aucun site concerné."
            rows={recall.sites.map((s) => (
              <tr key={s.organisationId}>
                <td>{s.organisationId}</td>
                <td>{s.notified ?? '—'}</td>
                <td>{s.acknowledgedAt ? frDateTime(s.acknowledgedAt) : 'non'}</td>
                <td>{s.quarantined ?? '—'}</td>
                <td>{s.returned}</td>
                <td>{s.returnsInTransit}</td>
                <td>{s.incoming}</td>
                <td>{s.onHand}</td>
                <td>{yesNo(s.complete)}</td>
              </tr>
            ))}
          />
        </div>
      ) : null}
    </section>
  );
}

/** The site of a register stream: `register-{site}` or `register-{site}~{YYYY-MM}`. */
const siteOf = (stream: string) => stream.replace(/^register-/, '').split('~')[0] ?? stream;
const packsOf = (lines: unknown) => ((lines as Line[] | undefined) ?? []).reduce((n, l) => n + l.quantity, 0);

/** The journey as directed edges, from the history as of the chosen date: the same events as the timeline. */
function Journey(props: { events: HistoryEvent[] }) {
  const edges = props.events.flatMap((e) => {
    if (e.type === 'ShipmentDispatched')
      return [
        `${siteOf(e.stream)} → ${String(e.data.to)} : ${packsOf(e.data.lines)} boîte(s) expédiée(s) le ${frDateTime(e.occurredAt)}`,
      ];
    if (e.type === 'ShipmentReceived')
      return [
        `${String(e.data.from)} → ${siteOf(e.stream)} : ${packsOf(e.data.accepted)} boîte(s) reçue(s) le ${frDateTime(e.occurredAt)}`,
      ];
    if (e.type === 'PrescriptionDispensed')
      return [
        `${siteOf(e.stream)} → patient ${String(e.data.patientId)} : ${String(e.data.quantity)} boîte(s) délivrée(s) le ${frDateTime(e.occurredAt)}`,
      ];
    return [];
  });
  if (edges.length === 0) return <p class="empty">Aucun mouvement à cette date.</p>;
  return (
    <ol id="journey">
      {edges.map((edge, i) => (
        <li key={i}>{edge}</li>
      ))}
    </ol>
  );
}
