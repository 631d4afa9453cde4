import autocannon from 'autocannon';
import { execFile } from 'node:child_process';
import { bearer, startApi, stop } from './http.bench.js';
import type { Row } from './measure.js';

const PORT = 4471;
/** The api's health port (`HEALTH_PORT`), answered by a thread of its own. */
const HEALTH_PORT = 4472;
const CLIENTS = 400;
const SECONDS = Number(process.env.BENCH_HOSTILE_SECONDS ?? 15);
/** Callers of the attack with a valid token: many subjects, so that the per-subject limit is not all that holds. */
const SUBJECTS = 50;

const json = (value: unknown) => JSON.stringify(value);
/** About 1 MB: 120,000 short keys in one object (the attack that took 51 s for 400 requests). */
const WIDE = `{"id":"X","kind":"supplier","name":"n","country":"FR",${Array.from(
  { length: 120_000 },
  (_, i) => `"${i.toString(36)}":1`,
).join(',')}}`;
const DEEP = `{"id":"X","kind":"supplier","name":"n","country":"FR","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
const LARGE = json({ id: 'X', kind: 'supplier', name: 'x'.repeat(600_000), country: 'FR' });
const SURROGATE = '{"id":"X","kind":"supplier","name":"\\ud800","country":"FR","__proto__":{"a":1}}';

/** The hostile bodies each client sends in turn: without a token, with a bad one, and with valid tokens. */
function hostileRequests(): autocannon.Request[] {
  let n = 0;
  const tokens = Array.from({ length: SUBJECTS }, (_, i) => bearer('ansm', 'ANSM', `attacker-${i}`));
  const post = (body: string, authorization?: () => string): autocannon.Request => ({
    method: 'POST',
    path: '/v1/organisations',
    setupRequest: (request) => ({
      ...request,
      body,
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization: authorization() } : {}),
      },
    }),
  });
  const valid = () => tokens[n++ % SUBJECTS];
  return [
    post(LARGE),
    post(LARGE, () => 'Bearer not.a.token'),
    post(WIDE, valid),
    post(DEEP, valid),
    post(SURROGATE, valid),
  ];
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

interface HealthLatency {
  sent: number;
  answered: number;
  notOk: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
}

/** `/health` sampled at 20 requests/s by a process of its own (bench/health-probe.ts). */
function probeHealth(url: string, seconds: number): Promise<HealthLatency> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['dist/bench/health-probe.js', url, String(seconds), '20'], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as HealthLatency),
    );
  });
}

/** The row of one `/health` probe's latencies. */
function healthRow(where: string, label: string, health: HealthLatency, quiet: HealthLatency): Row {
  return {
    group: 'hostile',
    figure: `/health ${where} under attack, ${label} (${health.sent} sent, ${health.answered - health.notOk} answered 200, ${health.notOk} not, ${health.failed} failed)`,
    value: health.p99,
    unit: `ms p99 (p50 ${health.p50} ms, max ${health.max} ms; quiet: p99 ${quiet.p99} ms)`,
    target: 'p99 < 100 ms',
  };
}

/**
 * `/health` latency, on the api's port and on its health port, each from one client at 20 requests/s, while 400
 * clients send hostile bodies to the api's port as fast as they can.
 */
async function underAttack(label: string, env: Record<string, string>, log: (line: string) => void): Promise<Row[]> {
  log(`hostile: ${CLIENTS} clients sending hostile bodies for ${SECONDS} s, ${label}; /health sampled meanwhile`);
  const api = await startApi('hostile', PORT, { ...env, HEALTH_PORT: String(HEALTH_PORT) });
  try {
    const url = `http://127.0.0.1:${PORT}`;
    const healthUrl = `http://127.0.0.1:${HEALTH_PORT}`;
    const [quiet, quietPort] = await Promise.all([probeHealth(url, 3), probeHealth(healthUrl, 3)]);
    const [attack, health, healthPort] = await Promise.all([
      run({ url, connections: CLIENTS, duration: SECONDS, timeout: 30, requests: hostileRequests() }),
      probeHealth(url, SECONDS),
      probeHealth(healthUrl, SECONDS),
    ]);
    const statuses = Object.entries(attack.statusCodeStats ?? {})
      .map(([status, { count }]) => `${status}: ${count}`)
      .join(', ');
    return [
      healthRow("on the api's port", label, health, quiet),
      healthRow(`on the health port (HEALTH_PORT)`, label, healthPort, quietPort),
      {
        group: 'hostile',
        figure: `hostile requests answered, ${CLIENTS} clients, ${label} (${statuses}; ${attack.errors} errors)`,
        value: attack.requests.average,
        unit: `requests/s (p50 ${attack.latency.p50} ms, p99 ${attack.latency.p99} ms)`,
      },
    ];
  } finally {
    await stop(api);
  }
}

/**
 * Hostile bodies against the api while `/health` is sampled: with the default limits (a caller past its count is
 * answered 429 before its body is read), and with the limits lifted, where every body reaches the parser and is
 * refused there (its size, depth, keys or text), the worst case of body handling.
 */
export async function hostileBenchmarks(log: (line: string) => void): Promise<Row[]> {
  return [
    ...(await underAttack('default rate limits', { RATE_LIMIT_PER_MINUTE: '1200' }, log)),
    ...(await underAttack(
      'rate limits lifted',
      { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_UNAUTHENTICATED_PER_MINUTE: '1000000' },
      log,
    )),
  ];
}
