import { Agent, get } from 'node:http';
import { percentile } from './measure.js';

/**
 * Samples `GET /health` at a steady rate from a process of its own (so that the load generator's own event loop does
 * not delay it) and prints its latencies as one JSON line: `node health-probe.js URL SECONDS PER_SECOND`.
 */
async function main(): Promise<void> {
  const [url, seconds, perSecond] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const latencies: number[] = [];
  let failed = 0;
  let notOk = 0;
  const pending: Promise<void>[] = [];
  const probe = () =>
    new Promise<void>((resolve) => {
      const started = process.hrtime.bigint();
      const request = get(`${url}/health`, { agent, timeout: 30_000 }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (response.statusCode !== 200) notOk += 1;
          resolve();
        });
      });
      request.on('error', () => {
        failed += 1;
        resolve();
      });
      request.on('timeout', () => request.destroy());
    });
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    pending.push(probe());
    await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
  }
  await Promise.all(pending);
  const round = (n: number) => Math.round(n * 10) / 10;
  console.log(
    JSON.stringify({
      sent: pending.length,
      answered: latencies.length,
      notOk,
      failed,
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(Math.max(...latencies)),
    }),
  );
  agent.destroy();
}

void main();
