import { type Problem, codeOf, explain } from './problems';
import { storedSession } from './session';

/** A refusal of the API, in French. */
export class Refusal extends Error {
  constructor(
    readonly problem: Problem,
    readonly status: number,
  ) {
    super(explain(problem));
  }
  get code(): string {
    return codeOf(this.problem);
  }
}

/** Raised when the token is refused: the application returns to sign-in with this explanation. */
export const SIGNED_OUT = 'cannatrace:signed-out';

/** Calls the API with the signed-in actor's token; a POST carries a fresh Idempotency-Key. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const session = storedSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new Refusal({ type: 'urn:cannatrace:problem:event_store_unavailable' }, 0);
  }
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) {
    const refusal = new Refusal((data ?? { status: response.status }) as Problem, response.status);
    if (response.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT, { detail: refusal.message }));
    throw refusal;
  }
  return data as T;
}

/** A GET answered as text (a report's CSV); a refusal as `api` says it. */
export async function apiText(path: string): Promise<string> {
  const session = storedSession();
  const response = await fetch(path, {
    headers: { accept: 'text/csv', ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
  }).catch(() => {
    throw new Refusal({ type: 'urn:cannatrace:problem:event_store_unavailable' }, 0);
  });
  const text = await response.text();
  if (!response.ok)
    throw new Refusal((text ? JSON.parse(text) : { status: response.status }) as Problem, response.status);
  return text;
}

/** A path segment, escaped. */
export const seg = (value: string): string => encodeURIComponent(value);

/** Downloads an API answer as a file (EPCIS, CSV built in the page). */
export function saveFile(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
