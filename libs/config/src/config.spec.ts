import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const secret = 'x'.repeat(32);

describe('configuration', () => {
  it('needs nothing for the embedded default, which keeps a generated secret beside its data', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('data'),
      database: { kind: 'pglite', dataDir: resolve('data', 'pglite') },
      eventStore: { kind: 'database' },
      jwt: { secretFile: resolve('data', 'jwt-secret'), maxLifetimeSeconds: 43_200 },
      rateLimitPerMinute: 1200,
      rateLimitUnauthenticatedPerMinute: 120,
      corsOrigins: [],
      runProjections: true,
      demo: false,
      digestKeyFile: resolve('data', 'digest-key.pem'),
      sealIntervalMs: 1000,
      webhookAllowPrivate: false,
    });
  });

  it('opens the health port only when HEALTH_PORT names one, other than PORT', () => {
    expect(loadConfig({}).healthPort).toBeUndefined();
    expect(loadConfig({ PORT: '8080', HEALTH_PORT: '8081' })).toMatchObject({ port: 8080, healthPort: 8081 });
  });

  it('lets webhooks reach private addresses only when WEBHOOK_ALLOW_PRIVATE=on', () => {
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'on' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'off' }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE/);
  });

  it('reads where the digest key is kept and how often new events are sealed (0: only for a digest)', () => {
    const config = loadConfig({
      DATA_DIR: '/srv/ct',
      DIGEST_KEY_FILE: '/etc/cannatrace/digest.pem',
      SEAL_INTERVAL_MS: '0',
    });
    expect(config.digestKeyFile).toBe('/etc/cannatrace/digest.pem');
    expect(config.sealIntervalMs).toBe(0);
    expect(loadConfig({ DATA_DIR: '/srv/ct' }).digestKeyFile).toBe('/srv/ct/digest-key.pem');
    expect(() => loadConfig({ SEAL_INTERVAL_MS: '-1' })).toThrow(
      'SEAL_INTERVAL_MS: expected a whole number from 0 to 3600000, got "-1"',
    );
  });

  it('turns the demo sign-in on only when asked, on the embedded default and a loopback HOST', () => {
    expect(loadConfig({ DEMO: 'on' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'on', HOST: '::1' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'on', HOST: 'localhost' }).demo).toBe(true);
    expect(loadConfig({ DEMO: 'off' }).demo).toBe(false);
  });

  it('switches to PostgreSQL with its URL', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://u@db:5432/ct',
      DATABASE_SCHEMA: 'ct',
      JWT_SECRET: secret,
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/ct',
      schema: 'ct',
      poolSize: 10,
      timeoutMs: 10_000,
    });
    expect(config.eventStore).toEqual({ kind: 'database' });
    expect(config.jwt).toEqual({ secret, maxLifetimeSeconds: 43_200 });
  });

  it('verifies tokens of an OpenID Connect provider by its JWKS, with issuer, audience and a shorter lifetime', () => {
    const config = loadConfig({
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://u@db:5432/ct',
      JWT_JWKS_URL: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet/protocol/openid-connect/certs',
      JWT_ISSUER: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
      JWT_AUDIENCE: 'cannatrace',
      JWT_MAX_LIFETIME_SECONDS: '3600',
    });
    expect(config.jwt).toEqual({
      jwksUrl: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet/protocol/openid-connect/certs',
      issuer: 'https://auth.esante.gouv.fr/auth/realms/esante-wallet',
      audience: 'cannatrace',
      maxLifetimeSeconds: 3600,
    });
  });

  it('switches to an EventStoreDB cluster, read models on PostgreSQL', () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: 'esdb://a:2113,b:2113?tls=false',
      DATABASE_URL: 'postgresql://db/ct',
      JWT_SECRET: secret,
    });
    expect(config.eventStore).toEqual({ kind: 'eventstoredb', url: 'esdb://a:2113,b:2113?tls=false', timeoutMs: 5000 });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgresql://db/ct' });
  });

  const refusals: [string, Record<string, string>, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, /whole number from 0 to 65535/],
    ['PORT', { PORT: '70000' }, /whole number/],
    ['HOST', { HOST: 'a b' }, /not a host/],
    ['HEALTH_PORT', { HEALTH_PORT: '0' }, /whole number from 1 to 65535/],
    ['HEALTH_PORT', { HEALTH_PORT: 'nine' }, /whole number/],
    ['HEALTH_PORT', { HEALTH_PORT: '3000' }, /must differ from PORT \(3000\)/],
    ['EVENT_STORE', { EVENT_STORE: 'mongodb' }, /one of pglite, postgres, eventstoredb/],
    ['DATABASE_URL', { EVENT_STORE: 'postgres', JWT_SECRET: secret }, /required when EVENT_STORE=postgres/],
    ['DATABASE_URL', { EVENT_STORE: 'postgres', DATABASE_URL: 'mysql://x', JWT_SECRET: secret }, /postgres:\/\//],
    [
      'DATABASE_SCHEMA',
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x/y', DATABASE_SCHEMA: 'drop table;' },
      /identifier/,
    ],
    [
      'DATABASE_POOL_SIZE',
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x/y', DATABASE_POOL_SIZE: '0' },
      /from 1/,
    ],
    ['EVENTSTORE_URL', { EVENT_STORE: 'eventstoredb' }, /required/],
    ['EVENTSTORE_URL', { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'not a url' }, /not a URL/],
    [
      'EVENTSTORE_TIMEOUT_MS',
      { EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://a:2113', EVENTSTORE_TIMEOUT_MS: '5s' },
      /whole number/,
    ],
    [
      'JWT_SECRET',
      { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x/y' },
      /required outside the embedded default/,
    ],
    ['JWT_SECRET', { EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x/y', JWT_SECRET: 'secret' }, /too weak/],
    ['JWT_SECRET', { JWT_SECRET: 'a' }, /too weak: at least 32 characters/],
    ['JWT_JWKS_URL', { JWT_JWKS_URL: 'http://idp.example/certs' }, /https:\/\/ URL/],
    ['JWT_MAX_LIFETIME_SECONDS', { JWT_MAX_LIFETIME_SECONDS: '1e308' }, /whole number from 60 to 2592000/],
    ['RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE', { RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '0' }, /whole number/],
    ['JWT_SECRET', { JWT_SECRET: 'x'.repeat(31) }, /too weak/],
    ['DEMO', { DEMO: 'yes' }, /one of on, off/],
    ['DEMO', { DEMO: 'on', HOST: '0.0.0.0' }, /only with a loopback HOST/],
    ['DEMO', { DEMO: 'on', HOST: '192.168.1.20' }, /only with a loopback HOST/],
    [
      'DEMO',
      { DEMO: 'on', EVENT_STORE: 'postgres', DATABASE_URL: 'postgres://x/y', JWT_SECRET: secret },
      /only on the embedded default/,
    ],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '0' }, /whole number from 1/],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://ok.example, *' }, /not an origin/],
  ];
  for (const [variable, env, message] of refusals) {
    it(`refuses ${JSON.stringify(env)} naming ${variable}`, () => {
      let error: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: `));
      expect((error as ConfigError).message).toMatch(message);
    });
  }
});
