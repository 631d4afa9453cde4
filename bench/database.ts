import pg from 'pg';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `BENCH_DATABASE` names another database, so that two people can run the bench on one server at once. */
export const BENCH_DB = process.env.BENCH_DATABASE ?? 'cannatrace_bench';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(BENCH_DB))
  throw new Error(`BENCH_DATABASE must be a plain lower-case name, not ${BENCH_DB}`);

export function benchUrl(): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${BENCH_DB}`;
  return url.toString();
}

/** A fresh database for the run, so that every figure starts from the same empty state. */
export async function recreateBenchDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${BENCH_DB}`);
  } finally {
    await client.end();
  }
}

export async function dropBenchDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
