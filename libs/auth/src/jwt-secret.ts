import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The embedded default's development secret: generated once, kept beside the data so tokens survive restarts.
 * `wx` makes two processes starting at once agree on one secret.
 */
export function developmentSecret(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

/** The HS256 secret a configuration names: given, or the embedded default's file; none with a JWKS alone. */
export function hs256Secret(jwt: { secret?: string; secretFile?: string }): string | undefined {
  if (jwt.secret !== undefined) return jwt.secret;
  return jwt.secretFile !== undefined ? developmentSecret(jwt.secretFile) : undefined;
}
