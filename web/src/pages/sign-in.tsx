import { useEffect, useState } from 'preact/hooks';
import { api, Refusal } from '../api';
import { expired, forgetToken, keepToken, readToken, type Session } from '../session';
import { Field } from '../ui';
import { frDateTime } from '../format';

interface DemoActor {
  label: string;
  token: string;
}

/** Sign-in: a pasted token, checked against the API before use; the demo actors where the server offers them. */
export function SignIn(props: { why?: string; onSignedIn: (session: Session) => void }) {
  const [actors, setActors] = useState<DemoActor[]>([]);
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(props.why);
  useEffect(() => {
    // 404 demo_off where the demo is not enabled: then no picker at all.
    fetch('/v1/demo/actors').then(
      (r) => (r.ok ? r.json().then((list: DemoActor[]) => setActors(list)) : undefined),
      () => undefined,
    );
  }, []);

  const enter = async (candidate: string) => {
    const session = readToken(candidate.trim());
    if (!session) return setProblem('Ce texte n’est pas un jeton d’accès lisible : copiez-le en entier.');
    if (expired(session))
      return setProblem(`Ce jeton a expiré le ${frDateTime(new Date(session.exp * 1000).toISOString())}.`);
    keepToken(session.token);
    try {
      // Any role may read the indications: the API checks the signature and the registry.
      await api('GET', '/v1/indications');
    } catch (error) {
      forgetToken();
      return setProblem(error instanceof Refusal ? error.message : 'Le service ne répond pas : réessayez.');
    }
    props.onSignedIn(session);
  };

  return (
    <section>
      <h1>Connexion</h1>
      {problem ? (
        <p class="problem" role="alert" id="sign-in-problem">
          {problem}
        </p>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void enter(token);
        }}
      >
        <Field label="Jeton d’accès">
          <textarea id="token" rows={3} value={token} onInput={(e) => setToken(e.currentTarget.value)} />
        </Field>
        <button type="submit">Se connecter</button>
      </form>
      {actors.length ? (
        <section class="actors">
          <h2>Acteurs de démonstration</h2>
          {actors.map((a) => (
            <button type="button" key={a.label} onClick={() => void enter(a.token)}>
              {a.label}
            </button>
          ))}
        </section>
      ) : null}
    </section>
  );
}
