import { isAbsolute, join, resolve } from 'node:path';
import type { EventStoreConfig } from '../../event-store/src/index.js';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: EventStoreConfig;
}

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
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: host(env),
    dataDir,
    eventStore: eventStore(env, dataDir),
  };
}

function eventStore(env: Env, dataDir: string): EventStoreConfig {
  const kind = oneOf(env, 'EVENT_STORE', ['pglite', 'postgres', 'eventstoredb'] as const, 'pglite');
  switch (kind) {
    case 'pglite':
      return { kind, dataDir: join(dataDir, 'pglite') };
    case 'postgres':
      return {
        kind,
        url: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], 'required when EVENT_STORE=postgres'),
        schema: identifier(env, 'DATABASE_SCHEMA'),
        poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
        timeoutMs: integer(env, 'DATABASE_TIMEOUT_MS', 10_000, 100, 600_000),
      };
    case 'eventstoredb':
      return {
        kind,
        url: url(env, 'EVENTSTORE_URL', ['esdb:', 'esdb+discover:'], 'required when EVENT_STORE=eventstoredb'),
        timeoutMs: integer(env, 'EVENTSTORE_TIMEOUT_MS', 5_000, 100, 600_000),
      };
  }
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
  if (!/^[A-Za-z0-9.:_-]{1,253}$/.test(raw)) throw new ConfigError('HOST', `not a host name or address: ${JSON.stringify(raw)}`);
  return raw;
}

function resolveDir(path: string): string {
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}
