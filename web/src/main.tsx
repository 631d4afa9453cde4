import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, SIGNED_OUT } from './api';
import { follow, type LiveEvent } from './live';
import { MENUS, type Place } from './menus';
import { SignIn } from './pages/sign-in';
import { expired, forgetToken, storedSession, type Session } from './session';
import { Desk } from './ui';
import { ROLES } from './words';

const placeOf = () => location.hash.replace(/^#\/?/, '');

function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const s = storedSession();
    return s && !expired(s) ? s : null;
  });
  const [why, setWhy] = useState<string | undefined>(() => {
    const s = storedSession();
    return s && expired(s) ? 'Votre jeton a expiré : reconnectez-vous.' : undefined;
  });
  const [place, setPlace] = useState(placeOf);
  const [message, setMessage] = useState<{ text: string; kind: 'ok' | 'error' } | null>(null);
  const [version, setVersion] = useState(0);
  const [orgName, setOrgName] = useState<string | undefined>();
  const [recent, setRecent] = useState<LiveEvent[]>([]);
  const later = useRef<ReturnType<typeof setTimeout>>(undefined);

  const signOut = useCallback((reason?: string) => {
    forgetToken();
    setSession(null);
    setWhy(reason);
    setMessage(null);
    location.hash = '#/connexion';
  }, []);
  const changed = useCallback(() => {
    setVersion((v) => v + 1);
    clearTimeout(later.current);
    // The lists are read models, updated just after the command: load them once more when they have caught up.
    later.current = setTimeout(() => setVersion((v) => v + 1), 700);
  }, []);
  const say = useCallback((text: string, kind: 'ok' | 'error' = 'ok') => setMessage({ text, kind }), []);
  const desk = useMemo(() => ({ say, version, changed }), [say, version, changed]);

  useEffect(() => {
    const onHash = () => {
      setPlace(placeOf());
      setMessage(null);
    };
    const onSignedOut = (event: Event) => signOut((event as CustomEvent<string>).detail);
    window.addEventListener('hashchange', onHash);
    window.addEventListener(SIGNED_OUT, onSignedOut);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener(SIGNED_OUT, onSignedOut);
    };
  }, [signOut]);

  useEffect(() => {
    if (!session) return;
    const stop = new AbortController();
    let pending: ReturnType<typeof setTimeout> | undefined;
    void follow(session.token, stop.signal, (event) => {
      setRecent((list) => [event, ...list.slice(0, 49)]);
      clearTimeout(pending);
      pending = setTimeout(() => setVersion((v) => v + 1), 300);
    });
    // An expired token ends the session where it stands.
    const timer = setTimeout(
      () => signOut('Votre jeton a expiré : reconnectez-vous.'),
      Math.min(session.exp * 1000 - Date.now(), 2 ** 31 - 1),
    );
    setOrgName(undefined);
    if (session.role === 'ansm')
      api<{ name: string }>('GET', `/v1/organisations/${encodeURIComponent(session.org)}`).then(
        (o) => setOrgName(o.name),
        () => undefined,
      );
    return () => {
      stop.abort();
      clearTimeout(timer);
      clearTimeout(pending);
    };
  }, [session, signOut]);

  const menu: Place[] = session ? (MENUS[session.role] ?? []) : [];
  const current = menu.find((p) => p.path === place);
  let content;
  if (!session)
    content = (
      <SignIn
        why={why}
        onSignedIn={(s) => {
          setSession(s);
          setWhy(undefined);
          location.hash = '#/';
        }}
      />
    );
  else if (current) content = <current.page session={session} recent={recent} />;
  else
    content = (
      <section>
        <h1>Bienvenue</h1>
        {menu.length === 0 ? (
          <p>
            Aucun espace de travail n’est proposé au rôle {ROLES[session.role] ?? session.role} dans cette interface.
          </p>
        ) : (
          <ul class="cards">
            {menu.map((p) => (
              <li key={p.path}>
                <a href={`#/${p.path}`}>{p.label}</a>
                <p>{p.about}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    );

  return (
    <Desk.Provider value={desk}>
      <header>
        <a class="brand" href="#/">
          cannatrace
        </a>
        {session ? (
          <nav aria-label="Menu">
            {menu.map((p) => (
              <a key={p.path} href={`#/${p.path}`} aria-current={p.path === place ? 'page' : undefined}>
                {p.label}
              </a>
            ))}
          </nav>
        ) : null}
        {session ? (
          <span id="who">
            {ROLES[session.role] ?? session.role} · {orgName ?? session.org}
          </span>
        ) : null}
        {session ? (
          <button type="button" class="link" onClick={() => signOut()}>
            Se déconnecter
          </button>
        ) : null}
      </header>
      <div id="message" role="alert" class={message?.kind ?? ''} hidden={!message}>
        {message?.text}
      </div>
      <main id="app">{content}</main>
    </Desk.Provider>
  );
}

render(<App />, document.getElementById('root') as HTMLElement);
