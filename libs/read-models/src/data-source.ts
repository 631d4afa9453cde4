import { DataSource, type DataSourceOptions } from 'typeorm';
import { PgliteSqlClient, type SqlClient, type SqlClientConfig } from '#sql';
import { READ_MODEL_ENTITIES } from './entities/index.js';
import { READ_MODEL_MIGRATIONS } from './migrations/index.js';
import { pgliteDriver } from './pglite-driver.js';

/** One migration runner at a time, whichever process starts first (the same key as the event store's runner). */
const MIGRATIONS_LOCK = 7_245_311_901;

/**
 * TypeORM's options for the read side over the process's database: on PGlite, a driver over the client the
 * event store uses (one data directory, one serialised session); on PostgreSQL, a pool of its own in the same
 * schema. The schema comes from the migrations, never from `synchronize`.
 */
export function readModelsOptions(database: SqlClientConfig, sql: SqlClient): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'read_model_migrations',
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    logging: false,
  };
  if (database.kind === 'pglite') {
    if (!(sql instanceof PgliteSqlClient)) throw new Error('the embedded read models need the PGlite client');
    return { ...common, driver: pgliteDriver(sql) };
  }
  const timeoutMs = database.timeoutMs ?? 10_000;
  return {
    ...common,
    url: database.url,
    schema: database.schema,
    poolSize: database.poolSize ?? 10,
    connectTimeoutMS: timeoutMs,
    // Unqualified names in hand-written statements resolve to the same schema as TypeORM's own.
    extra: { query_timeout: timeoutMs, options: database.schema ? `-c search_path=${database.schema}` : undefined },
  };
}

/** Initialises the data source and brings the read side's schema up to date. */
export async function openReadModels(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  try {
    await migrateReadModels(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

/**
 * Runs the pending migrations. Several api processes may start at once on PostgreSQL: a session lock lets one
 * migrate while the others wait, then find nothing left to do. PGlite has one process and one session.
 */
export async function migrateReadModels(dataSource: DataSource): Promise<void> {
  if ('driver' in dataSource.options && dataSource.options.driver) {
    await dataSource.runMigrations({ transaction: 'all' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]);
    }
  } finally {
    await lock.release();
  }
}
