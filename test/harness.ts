import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../apps/api/src/create-app.js';
import { signToken, type Role } from '#auth';
import { addMonths, legacyRegisterStream, monthOf, parisDate, registerBookStream } from '#domain';
import type { AppConfig } from '#config';
import { SQL_CLIENT } from '../apps/api/src/database/database.module.js';
import { EVENT_STORE, START, type EventStore, type RecordedEvent } from '#event-store';
import { type SqlClient } from '#sql';
import { DATABASE_URL, scratchSchema } from '../libs/event-store/test/scratch-schema.js';

export const JWT_SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e';
export type Backend = 'pglite' | 'postgres';

/**
 * The day every test api lives on, whatever day the tests run: a run across midnight, a month's end or the
 * years passing changes nothing. Fixtures and crafted histories are dated around it.
 */
export const TEST_DAY = '2026-11-25';
const started = Date.now();
/** Ten o'clock in Paris on TEST_DAY, then running at the speed of the wall clock (instants stay in order). */
export const testClock = (): Date => new Date(Date.parse(`${TEST_DAY}T09:00:00Z`) + (Date.now() - started));

export const BACKENDS: Backend[] = ['pglite', 'postgres'];

/** The real application over HTTP, on an in-memory PGlite or a scratch schema of the local PostgreSQL. */
export class Api {
  private constructor(
    readonly app: INestApplication,
    private readonly dropSchema: () => Promise<void>,
    /** The PostgreSQL schema of this api's data; undefined on PGlite. */
    readonly schema: string | undefined,
    /** The api's clock: testClock unless the test chose another. */
    readonly now: () => Date,
  ) {}

  static async start(
    backend: Backend,
    overrides: Partial<AppConfig> = {},
    connection: { url?: string; timeoutMs?: number } = {},
  ): Promise<Api> {
    const scratch = backend === 'postgres' ? scratchSchema('e2e') : undefined;
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      dataDir: '/nonexistent',
      database: scratch
        ? {
            kind: 'postgres',
            url: connection.url ?? DATABASE_URL,
            schema: scratch.schema,
            timeoutMs: connection.timeoutMs,
          }
        : { kind: 'pglite' },
      eventStore: { kind: 'database' },
      jwt: { secret: JWT_SECRET },
      rateLimitPerMinute: 1_000_000,
      rateLimitUnauthenticatedPerMinute: 1_000_000,
      corsOrigins: [],
      runProjections: true,
      clock: testClock,
      ...overrides,
    };
    const app = await createApp(config, { logger: false });
    await app.init();
    return new Api(app, scratch?.drop ?? (async () => undefined), scratch?.schema, config.clock ?? (() => new Date()));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.dropSchema();
  }

  get http() {
    return request(this.app.getHttpServer());
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** Every event of a site's register: its legacy stream and the books of the months around today. */
  async registerEvents(site: string): Promise<RecordedEvent[]> {
    const month = monthOf(parisDate(this.now()));
    const streams = [
      legacyRegisterStream(site),
      ...[-1, 0, 1].map((n) => registerBookStream(site, addMonths(month, n))),
    ];
    return (await Promise.all(streams.map((stream) => this.store.readStream(stream)))).flat();
  }

  /** POST with a token for this role and organisation. */
  post(path: string, role: Role, org: string, body: unknown, headers: Record<string, string> = {}) {
    return this.http
      .post(path)
      .set('Authorization', `Bearer ${token(role, org)}`)
      .set(headers)
      .send(body as object);
  }

  get(path: string, role: Role, org: string) {
    return this.http.get(path).set('Authorization', `Bearer ${token(role, org)}`);
  }

  async allEvents(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from = START;
    for (;;) {
      const page = await this.store.readAll({ from, maxCount: 1000 });
      if (page.events.length === 0) return events;
      events.push(...page.events);
      from = page.checkpoint;
    }
  }

  /**
   * Runs `work` and answers how many events requests appended meanwhile, anywhere in the store. Events written by
   * the api's own processes in reaction to earlier events (they carry a causation id, such as a release entering
   * the supplier's register) are not the request's doing and are left out.
   */
  async eventsWrittenBy(work: () => Promise<unknown>): Promise<number> {
    // Counted in the table itself: the global order hides commits behind a transaction still open (a projection's).
    // Events of the api's own processes (caused by another event) and its register books' openings are left out.
    const sql = this.app.get<SqlClient>(SQL_CLIENT);
    const byRequests = async () =>
      Number(
        (
          await sql.query<{ n: string }>(
            `SELECT count(*) AS n FROM events WHERE NOT metadata ? 'causationId' AND metadata ->> 'role' <> 'system'`,
          )
        )[0].n,
      );
    const before = await byRequests();
    await work();
    return (await byRequests()) - before;
  }
}

/**
 * The professional the fixtures register at each organisation (circuit.fixtures.ts, the demo seed): the subject of a
 * pharmacist's or prescriber's token when the test names none, since the api checks it against the registry.
 */
const REGISTERED_PROFESSIONAL: Record<string, string> = {
  'PH-1': '10000000002',
  'PH-2': '10000000005',
  'CHU-1': '10000000001',
  'PH-CENTRE': '10000000002',
  'PH-GARE': '10000000004',
  'CHU-DEMO': '10000000001',
};

export function token(role: Role, org: string, sub = defaultSubject(role, org)): string {
  return signToken(JWT_SECRET, { sub, role, org }, 600);
}

function defaultSubject(role: Role, org: string): string {
  const professional = role === 'pharmacist' || role === 'prescriber' ? REGISTERED_PROFESSIONAL[org] : undefined;
  return professional ?? `${role}-user`;
}
