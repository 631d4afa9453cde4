import { isAbsolute, join, resolve } from 'node:path';
import type { EventStoreConfig } from '#event-store';
import type { SqlClientConfig } from '#sql';

/** Where read models, idempotency records and (on PostgreSQL and PGlite) the events live. */
export type DatabaseConfig = SqlClientConfig;

/**
 * How tokens are verified: an HS256 secret (given, or on the embedded default generated once into a file), an
 * OpenID Connect provider's JWKS, or both; the issuer and audience they must name; how long they may live.
 */
export interface JwtConfig {
  secret?: string;
  secretFile?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** `exp - iat` and the age of `iat` may not exceed this; 12 hours when absent. */
  maxLifetimeSeconds?: number;
}

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface AppConfig {
  port: number;
  /**
   * `HEALTH_PORT`: a second port, answered by a thread of its own, where `GET /health` answers however busy the api
   * is (docs/operations.md). Absent: off.
   */
  healthPort?: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  eventStore: EventStoreKind;
  jwt: JwtConfig;
  /** Requests an authenticated caller (a token's subject) may send a minute. */
  rateLimitPerMinute: number;
  /** Requests an address may send a minute without a valid token (health and static files aside); 120 when absent. */
  rateLimitUnauthenticatedPerMinute?: number;
  /** Origins browsers may call the api from; none by default (CORS closed). */
  corsOrigins: string[];
  /** Whether this process keeps the read models; off for api processes beside a `cli project` process. */
  runProjections: boolean;
  /**
   * Whether `GET /v1/demo/actors` hands out tokens for the seeded demo actors (`DEMO=on`): only on the embedded
   * default and a loopback HOST. Absent means off.
   */
  demo?: boolean;
  /** The clock that dates commands and says which day it is; the system clock unless a test pins it. */
  clock?: () => Date;
  /** Webhook delivery timings (apps/api/src/processes/webhooks); defaults unless a test shortens them. */
  webhooks?: WebhookTimings;
  /**
   * Whether webhooks may be sent to loopback, private, link-local or unspecified addresses
   * (`WEBHOOK_ALLOW_PRIVATE=on`, default off): for tests and on-premise receivers. Absent means off.
   */
  webhookAllowPrivate?: boolean;
  /**
   * The Ed25519 key (PEM) that signs the digests ANSM downloads (`DIGEST_KEY_FILE`, default
   * `DATA_DIR/digest-key.pem`, created when missing). Absent: a key of the process only.
   */
  digestKeyFile?: string;
  /** Milliseconds between two sealings of the new events (`SEAL_INTERVAL_MS`, default 1000); absent or 0: none. */
  sealIntervalMs?: number;
}

export interface WebhookTimings {
  /** How often subscriptions are looked at for new events. */
  pollIntervalMs?: number;
  /** The wait after a first failed delivery; doubled at each failure up to backoffMaxMs. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A receiver that has not answered in this time has failed the delivery. */
  timeoutMs?: number;
}

export type EventStoreKind = { kind: 'database' } | Extract<EventStoreConfig, { kind: 'eventstoredb' }>;

/** A secret shorter than this is refused (HS256 wants 256 bits). */
const MIN_SECRET_LENGTH = 32;

/** A configuration value the process cannot start with; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and checks the environment. Every variable is optional for the embedded default. */
export function loadConfig(env: Env = process.env): AppConfig {
  const dataDir = resolveDir(env.DATA_DIR ?? './data');
  const kind = oneOf(env, 'EVENT_STORE', ['pglite', 'postgres', 'eventstoredb'] as const, 'pglite');
  const embedded = kind === 'pglite';
  const listenOn = host(env);
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const healthPort = optionalInteger(env, 'HEALTH_PORT', 1, 65_535);
  if (healthPort !== undefined && healthPort === port)
    throw new ConfigError('HEALTH_PORT', `must differ from PORT (${port})`);
  return {
    port,
    ...(healthPort !== undefined ? { healthPort } : {}),
    host: listenOn,
    dataDir,
    database: database(env, kind, dataDir),
    eventStore:
      kind === 'eventstoredb'
        ? {
            kind,
            url: url(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:'], 'required when EVENT_STORE=eventstoredb'),
            timeoutMs: integer(env, 'EVENTSTORE_TIMEOUT_MS', 5_000, 100, 600_000),
          }
        : { kind: 'database' },
    jwt: jwt(env, embedded, dataDir),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000),
    rateLimitUnauthenticatedPerMinute: integer(env, 'RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE', 120, 1, 1_000_000),
    corsOrigins: origins(env),
    runProjections: oneOf(env, 'PROJECTIONS', ['on', 'off'] as const, 'on') === 'on',
    demo: demo(env, embedded, listenOn),
    digestKeyFile: resolveDir(value(env, 'DIGEST_KEY_FILE') ?? join(dataDir, 'digest-key.pem')),
    sealIntervalMs: integer(env, 'SEAL_INTERVAL_MS', 1000, 0, 3_600_000),
    webhookAllowPrivate: oneOf(env, 'WEBHOOK_ALLOW_PRIVATE', ['on', 'off'] as const, 'off') === 'on',
  };
}

/** Demo tokens sign in as ANSM without a password: never on a store that matters, never beyond this machine. */
function demo(env: Env, embedded: boolean, listenOn: string): boolean {
  if (oneOf(env, 'DEMO', ['on', 'off'] as const, 'off') === 'off') return false;
  if (!embedded)
    throw new ConfigError('DEMO', 'only on the embedded default (EVENT_STORE=pglite): demo tokens include ANSM');
  if (!isLoopbackHost(listenOn)) {
    throw new ConfigError(
      'DEMO',
      `only with a loopback HOST (127.0.0.1, ::1, localhost), not ${JSON.stringify(listenOn)}: demo tokens include ANSM`,
    );
  }
  return true;
}

/** Whether an address or host name is this machine's loopback interface alone. */
export function isLoopbackHost(name: string): boolean {
  const address = name.replace(/^::ffff:/i, '');
  return /^127(\.\d{1,3}){3}$/.test(address) || address === '::1' || address.toLowerCase() === 'localhost';
}

function origins(env: Env): string[] {
  const raw = value(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const list = raw.split(',').map((o) => o.trim());
  for (const origin of list) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) {
      throw new ConfigError('CORS_ORIGINS', `not an origin (scheme://host[:port]): ${JSON.stringify(origin)}`);
    }
  }
  return list;
}

function database(env: Env, eventStore: 'pglite' | 'postgres' | 'eventstoredb', dataDir: string): DatabaseConfig {
  const given = value(env, 'DATABASE_URL');
  if (eventStore === 'pglite' || (eventStore === 'eventstoredb' && given === undefined)) {
    return { kind: 'pglite', dataDir: join(dataDir, 'pglite') };
  }
  return {
    kind: 'postgres',
    url: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'required when EVENT_STORE=postgres'),
    schema: identifier(env, 'DATABASE_SCHEMA'),
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    timeoutMs: integer(env, 'DATABASE_TIMEOUT_MS', 10_000, 100, 600_000),
  };
}

function jwt(env: Env, embedded: boolean, dataDir: string): JwtConfig {
  const policy: JwtConfig = {
    maxLifetimeSeconds: integer(env, 'JWT_MAX_LIFETIME_SECONDS', DEFAULT_TOKEN_LIFETIME_SECONDS, 60, 30 * 86_400),
  };
  const jwksUrl = value(env, 'JWT_JWKS_URL');
  if (jwksUrl !== undefined) {
    if (!/^https:\/\/\S+$/.test(jwksUrl) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]\S*$/.test(jwksUrl))
      throw new ConfigError('JWT_JWKS_URL', 'expected an https:// URL (http:// only on the loopback interface)');
    policy.jwksUrl = jwksUrl;
  }
  const issuer = value(env, 'JWT_ISSUER');
  if (issuer !== undefined) policy.issuer = issuer;
  const audience = value(env, 'JWT_AUDIENCE');
  if (audience !== undefined) policy.audience = audience;
  const secret = value(env, 'JWT_SECRET');
  if (secret === undefined) {
    if (embedded) return { ...policy, secretFile: join(dataDir, 'jwt-secret') };
    if (policy.jwksUrl) return policy;
    throw new ConfigError('JWT_SECRET', 'required outside the embedded default (or JWT_JWKS_URL)');
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError('JWT_SECRET', `too weak: at least ${MIN_SECRET_LENGTH} characters`);
  }
  return { ...policy, secret };
}

function value(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function optionalInteger(env: Env, name: string, min: number, max: number): number | undefined {
  return value(env, name) === undefined ? undefined : integer(env, name, min, min, max);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw as T)) {
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[], whenMissing: string): string {
  const raw = value(env, name);
  if (raw === undefined) throw new ConfigError(name, whenMissing);
  // Not `new URL`: an EventStoreDB cluster URL lists several hosts (esdb://a:2113,b:2113), which URL refuses.
  const match = /^([a-z][a-z0-9+.-]*:)\/\/[^\s/?#]+(?:[/?#]\S*)?$/i.exec(raw);
  if (!match) throw new ConfigError(name, 'not a URL');
  if (!protocols.includes(match[1].toLowerCase())) {
    throw new ConfigError(name, `expected a ${protocols.map((p) => `${p}//`).join(' or ')} URL`);
  }
  return raw;
}

function identifier(env: Env, name: string): string | undefined {
  const raw = value(env, name);
  if (raw !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(name, 'expected a lower-case SQL identifier (letters, digits, _)');
  }
  return raw;
}

function host(env: Env): string {
  const raw = value(env, 'HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(raw))
    throw new ConfigError('HOST', `not a host name or address: ${JSON.stringify(raw)}`);
  return raw;
}

function resolveDir(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/** The event store the configuration names: EventStoreDB, or the events table of the configured database. */
export function eventStoreConfig(config: AppConfig): EventStoreConfig {
  return config.eventStore.kind === 'eventstoredb' ? config.eventStore : config.database;
}
