import { useState } from 'preact/hooks';
import { api } from '../api';
import type { PageProps } from '../menus';
import { Field, useAct } from '../ui';
import { RegisterView } from './register';

interface Verification {
  ok: boolean;
  checkedEvents: number;
  broken: unknown[];
  problems?: unknown[];
  sealing?: { sealedEvents?: number };
}

/** ANSM: any site's register, and the integrity check of the whole journal. */
export function SiteRegisters(_: PageProps) {
  const [site, setSite] = useState('');
  const [shown, setShown] = useState('');
  const [verified, setVerified] = useState<string>('');
  const act = useAct();
  return (
    <section>
      <h1>Registres et intégrité</h1>
      <div class="row">
        <button
          type="button"
          onClick={() =>
            void act(
              () => api<Verification>('GET', '/v1/audit/verify'),
              (r) => (r.ok ? 'Intégrité vérifiée.' : 'Altération détectée !'),
            ).then((r) =>
              r
                ? setVerified(
                    r.ok
                      ? `Intégrité vérifiée : ${r.checkedEvents} événements, aucune altération (${r.sealing?.sealedEvents ?? 0} scellés).`
                      : `Altération : ${r.broken.length} flux, ${r.problems?.length ?? 0} points de scellement !`,
                  )
                : undefined,
            )
          }
        >
          Vérifier l’intégrité
        </button>
        <p id="verified">{verified}</p>
      </div>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(site.trim());
        }}
      >
        <Field label="Identifiant du site">
          <input id="site" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
        </Field>
        <button type="submit">Afficher le registre</button>
      </form>
      {shown ? <RegisterView key={shown} site={shown} /> : null}
    </section>
  );
}
