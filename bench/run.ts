import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { appendBenchmarks } from './append.bench.js';
import { dropBenchDatabase, recreateBenchDatabase, SERVER_URL } from './database.js';
import { hostileBenchmarks } from './hostile.bench.js';
import { massBalanceBenchmarks } from './mass-balance.bench.js';
import { httpBenchmarks } from './http.bench.js';
import { format, type Row } from './measure.js';
import { registerBenchmarks } from './registers.bench.js';
import { reportBenchmarks } from './reports.bench.js';
import { pgliteBenchmarks, storeBenchmarks } from './store.bench.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/**
 * `BENCH_ONLY=append,store,http,registers,pglite,hostile,reports,massbalance` runs some groups only (the http group needs the
 * store group).
 */
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'append,store,http,registers,pglite,hostile,reports,massbalance').split(','),
);
/** Dispensations in the year of history the reports group projects and reads. */
const REPORT_DISPENSATIONS = Number(process.env.BENCH_REPORT_DISPENSATIONS ?? 50_000);
/** Prior register events of the busy pharmacy and exploitant of the registers group. */
const REGISTER_EVENTS = Number(process.env.BENCH_REGISTER_EVENTS ?? 100_000);
/** Pharmacies of the mass-balance group's six months of history (about 200 register events each). */
const MASS_BALANCE_PHARMACIES = Number(process.env.BENCH_MASSBALANCE_PHARMACIES ?? 250);

async function serverVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  } finally {
    await client.end();
  }
}

/**
 * The dispensation over HTTP (8 connections, 8 pharmacies) against the bare table's 8-writer appends of the same
 * run: a command does a read and an append, so the append limit is its ceiling.
 */
function relateDispensationsToAppends(rows: Row[]): void {
  const appends = rows.find((r) => r.group === 'append' && r.figure === '1 event per append, 8 writers');
  const dispensations = rows.find((r) => r.group === 'http' && r.figure.startsWith('dispensation end to end'));
  if (!appends?.vsLimit || !dispensations) return;
  dispensations.vsLimit = dispensations.value / (appends.value / appends.vsLimit);
  dispensations.target = '>= 1,000 requests/s, or >= 0.3x the 8-writer limit';
}

async function main(): Promise<void> {
  const log = (line: string) => console.error(`[bench] ${line}`);
  const started = new Date();
  await recreateBenchDatabase();
  const rows: Row[] = [];
  const pgliteDir = mkdtempSync(join(tmpdir(), 'cannatrace-bench-'));
  try {
    if (ONLY.has('append')) rows.push(...(await appendBenchmarks(RUNS, log)));
    if (ONLY.has('store')) rows.push(...(await storeBenchmarks(EVENTS, RUNS, log)));
    if (ONLY.has('http')) rows.push(...(await httpBenchmarks(log)));
    if (ONLY.has('registers')) rows.push(...(await registerBenchmarks(REGISTER_EVENTS, log)));
    if (ONLY.has('pglite')) rows.push(...(await pgliteBenchmarks(pgliteDir, RUNS, log)));
    if (ONLY.has('hostile')) rows.push(...(await hostileBenchmarks(log)));
    if (ONLY.has('reports')) rows.push(...(await reportBenchmarks(REPORT_DISPENSATIONS, log)));
    if (ONLY.has('massbalance')) rows.push(...(await massBalanceBenchmarks(MASS_BALANCE_PHARMACIES, RUNS, log)));
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
    await dropBenchDatabase();
  }
  relateDispensationsToAppends(rows);
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${await serverVersion()}`;
  const table = format(rows);
  console.log(
    `\n${table}\n\n${machine}; median of ${RUNS} runs where repeated; ${Math.round((Date.now() - started.getTime()) / 1000)} s in all`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    JSON.stringify({ date: started.toISOString(), machine, runs: RUNS, events: EVENTS, rows }, null, 2),
  );
  writeFileSync(
    'bench/results/latest.md',
    `# cannatrace benchmark, ${started.toISOString()}\n\n${machine}; median of ${RUNS} runs.\n\n${table}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
