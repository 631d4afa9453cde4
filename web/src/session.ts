/** The signed-in actor: the token pasted or picked, kept in this browser, and its claims. */
export interface Session {
  token: string;
  role: string;
  org: string;
  sub: string;
  exp: number;
}

const KEY = 'token';

/** The claims of a token; null when it is not a readable JWT with a role, an organisation and an expiry. */
export function readToken(token: string): Session | null {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Partial<Session>;
    if (typeof claims.role !== 'string' || typeof claims.org !== 'string' || typeof claims.exp !== 'number')
      return null;
    return { token, role: claims.role, org: claims.org, sub: String(claims.sub ?? ''), exp: claims.exp };
  } catch {
    return null;
  }
}

export const expired = (session: Session): boolean => session.exp * 1000 <= Date.now();
export const storedSession = (): Session | null => readToken(localStorage.getItem(KEY) ?? '');
export const keepToken = (token: string): void => localStorage.setItem(KEY, token);
export const forgetToken = (): void => localStorage.removeItem(KEY);
