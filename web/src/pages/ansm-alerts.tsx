import { useContext, useState } from 'preact/hooks';
import { api, seg } from '../api';
import { AlertFilters, AlertTable, alertQuery } from '../alert-table';
import { type Alert, alertKindName } from '../alerts';
import type { PageProps } from '../menus';
import { Desk, Field, Loading, useAct, useLoad } from '../ui';
import { ALERT_STATES } from '../words';

/** ANSM: every alert, filtered by state and kind; acknowledge or close one with a note; the thresholds. */
export function Alerts(_: PageProps) {
  const [state, setState] = useState('');
  const [kind, setKind] = useState('');
  const query = alertQuery(state, kind);
  const { data } = useLoad(() => api<Alert[]>('GET', `/v1/audit/alerts${query}`), [query]);
  // The state an action just gave, shown at once, before the list is loaded again.
  const [decided, setDecided] = useState<Record<string, Alert['state']>>({});
  const [chosen, setChosen] = useState<Alert | null>(null);
  const alerts = (data ?? []).map((a) => (decided[a.id] ? { ...a, state: decided[a.id] as Alert['state'] } : a));
  return (
    <section>
      <h1>Alertes</h1>
      <AlertFilters state={state} kind={kind} onState={setState} onKind={setKind} />
      {!data ? (
        <Loading />
      ) : (
        <AlertTable
          alerts={alerts}
          caption="Alertes, les plus récentes d’abord"
          action={(a) =>
            a.state === 'closed' ? null : (
              <button type="button" onClick={() => setChosen(a)}>
                Traiter l’alerte {a.lot ?? a.shipmentId ?? a.site ?? ''}
              </button>
            )
          }
        />
      )}
      {chosen ? (
        <Decision
          key={chosen.id}
          alert={{ ...chosen, state: decided[chosen.id] ?? chosen.state }}
          onDecided={(id, next) => setDecided((d) => ({ ...d, [id]: next }))}
        />
      ) : null}
      <Settings />
    </section>
  );
}

/** Acknowledge or close an alert: a note is required, and the decision confirmed. */
function Decision(props: { alert: Alert; onDecided: (id: string, state: Alert['state']) => void }) {
  const [note, setNote] = useState('');
  const act = useAct();
  const { say } = useContext(Desk);
  const { alert } = props;
  const label = `${alertKindName(alert.kind)}${alert.lot ? ` · lot ${alert.lot}` : ''}${alert.site ? ` · ${alert.site}` : ''}`;
  const decide = (step: 'acknowledgement' | 'closure', question: string, next: Alert['state'], success: string) => {
    if (!note.trim()) return say('Saisissez une note : elle est obligatoire.', 'error');
    if (!window.confirm(`${question}\n${label}\nNote : ${note.trim()}`)) return;
    void act(() => api('POST', `/v1/audit/alerts/${seg(alert.id)}/${step}`, { note: note.trim() }), success).then(
      (result) => {
        if (result === undefined) return;
        props.onDecided(alert.id, next);
        setNote('');
      },
    );
  };
  return (
    <section class="panel" id="alert-decision">
      <h2>Traiter : {label}</h2>
      <p id="alert-decision-state" aria-live="polite">
        État : {ALERT_STATES[alert.state] ?? alert.state}
      </p>
      {alert.state === 'closed' ? null : (
        <div class="row actions">
          <Field label="Note (obligatoire)">
            <textarea
              id="alert-note"
              rows={2}
              maxLength={2000}
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
          {alert.state === 'open' ? (
            <button
              type="button"
              onClick={() =>
                decide('acknowledgement', 'Prendre en compte cette alerte ?', 'acknowledged', 'Alerte prise en compte.')
              }
            >
              Prendre en compte
            </button>
          ) : null}
          <button
            type="button"
            class="danger"
            onClick={() =>
              decide('closure', 'Clore cette alerte ? Elle ne pourra plus être modifiée.', 'closed', 'Alerte close.')
            }
          >
            Clore l’alerte
          </button>
        </div>
      )}
    </section>
  );
}

interface AlertSettings {
  transitDays: number;
  lossPacks: number;
  expiryWindowDays: number;
  recallAcknowledgementDays: number;
  setByAnsm: boolean;
}
const SETTINGS: { key: keyof Omit<AlertSettings, 'setByAnsm'>; label: string; max: number }[] = [
  { key: 'transitDays', label: 'Livraison non réceptionnée après (jours)', max: 365 },
  { key: 'lossPacks', label: 'Perte, vol ou ajustement d’inventaire au-delà de (boîtes)', max: 100_000 },
  { key: 'expiryWindowDays', label: 'Péremption proche : fenêtre (jours)', max: 365 },
  { key: 'recallAcknowledgementDays', label: 'Rappel non pris en compte après (jours)', max: 365 },
];

/** The thresholds of the alerts, set all at once. */
function Settings() {
  const { data } = useLoad(() => api<AlertSettings>('GET', '/v1/audit/alert-settings'));
  const [typed, setTyped] = useState<Record<string, string>>({});
  const act = useAct();
  if (!data) return <Loading />;
  const value = (key: string) => typed[key] ?? String(data[key as keyof AlertSettings]);
  const save = (event: Event) => {
    event.preventDefault();
    const body = Object.fromEntries(SETTINGS.map((s) => [s.key, Number(value(s.key))]));
    void act(
      () => api<{ eventIds: string[] }>('PUT', '/v1/audit/alert-settings', body),
      (r) => (r.eventIds.length ? 'Seuils d’alerte enregistrés.' : 'Ces seuils sont déjà en vigueur.'),
    ).then((r) => r && setTyped({}));
  };
  return (
    <form class="panel" id="alert-settings" onSubmit={save}>
      <h2>Seuils d’alerte {data.setByAnsm ? '(fixés par l’ANSM)' : '(valeurs par défaut)'}</h2>
      <div class="row">
        {SETTINGS.map((s) => (
          <Field key={s.key} label={s.label}>
            <input
              id={`setting-${s.key}`}
              type="number"
              min={0}
              max={s.max}
              step={1}
              required
              value={value(s.key)}
              onInput={(e) => {
                const typedValue = e.currentTarget.value;
                setTyped((t) => ({ ...t, [s.key]: typedValue }));
              }}
            />
          </Field>
        ))}
      </div>
      <button type="submit">Enregistrer les seuils</button>
    </form>
  );
}
