import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Refusal } from './api';

export type Say = (text: string, kind?: 'ok' | 'error') => void;

/** What every page shares: the message area, and a version bumped after each action or event seen live. */
export const Desk = createContext<{ say: Say; version: number; changed: () => void }>({
  say: () => undefined,
  version: 0,
  changed: () => undefined,
});

/** Data loaded from the API, loaded again after every action and every event seen live. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): { data: T | undefined; error?: string } {
  const { version } = useContext(Desk);
  const [state, setState] = useState<{ data: T | undefined; error?: string }>({ data: undefined });
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data }),
      (error: unknown) =>
        current && setState((s) => ({ data: s.data, error: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      current = false;
    };
  }, [version, ...deps]);
  return state;
}

/**
 * Runs a command: a refusal is said in French; a success is said, then every page's data is loaded again (now,
 * and once more a moment later, when the read models have caught up).
 */
export function useAct(): <T>(
  action: () => Promise<T>,
  success: string | ((result: T) => string),
) => Promise<T | undefined> {
  const { say, changed } = useContext(Desk);
  return useCallback(
    async <T,>(action: () => Promise<T>, success: string | ((result: T) => string)) => {
      try {
        const result = await action();
        say(typeof success === 'string' ? success : success(result), 'ok');
        changed();
        return result;
      } catch (error) {
        say(error instanceof Refusal ? error.message : 'La demande n’a pas abouti.', 'error');
        return undefined;
      }
    },
    [say, changed],
  );
}

/** A labelled field: the label wraps its control, so every field has an accessible name. */
export function Field(props: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      {props.children}
      {props.hint ? <small>{props.hint}</small> : null}
    </label>
  );
}

/**
 * A scan field for a hand scanner or the keyboard: Enter submits the code and empties the field, which keeps the
 * focus for the next pack. `|` typed by hand stands for the GS separator.
 */
export function ScanField(props: { label: string; onScan: (code: string) => void; id?: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <Field
      label={props.label}
      hint="Scannez la boîte (DataMatrix ou QR code) puis Entrée ; « | » tient lieu de séparateur GS."
    >
      <input
        ref={input}
        id={props.id}
        class="scan"
        autoComplete="off"
        spellcheck={false}
        onKeyDown={(event) => {
          const field = event.currentTarget;
          if (event.key !== 'Enter' || !field.value.trim()) return;
          event.preventDefault();
          const code = field.value.trim().replaceAll('|', '\x1d');
          field.value = '';
          props.onScan(code);
          field.focus();
        }}
      />
    </Field>
  );
}

/** A table with a caption; `empty` said when there are no rows. */
export function Table(props: {
  caption: string;
  head: string[];
  rows: ComponentChildren[];
  empty: string;
  id?: string;
}) {
  if (props.rows.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    // Focusable so that a table wider than the screen scrolls from the keyboard too.
    <div class="table" tabIndex={0} role="region" aria-label={props.caption}>
      <table id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.rows}</tbody>
      </table>
    </div>
  );
}

export const Loading = () => <p class="empty">Chargement…</p>;
export const yesNo = (value: boolean | null | undefined) => (value == null ? '—' : value ? 'oui' : 'non');
