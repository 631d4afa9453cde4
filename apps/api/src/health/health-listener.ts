import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { healthAnswer, type HealthPost } from './health-answer.js';

/**
 * The health port, in a worker thread of its own (started by health-port.ts): it answers `GET /health` from the
 * last post of the api's main thread, so that a main event loop saturated by requests does not delay the answer,
 * and a main thread that stops posting is answered as unavailable. It reads no body and serves nothing else.
 */
const { port, host } = workerData as { port: number; host: string };
let last: HealthPost | undefined;
const PROBLEM = 'application/problem+json';
// The api's problem details (problem/problem.ts), written out: this thread loads nothing but node:http.
const refusal = (status: number, title: string, rule: string, detail: string) => ({
  type: `urn:cannatrace:problem:${rule}`,
  title,
  status,
  detail,
  rule,
});
parentPort!.on('message', (post: HealthPost) => (last = post));

const server = createServer((request, response) => {
  const path = (request.url ?? '').split('?')[0];
  const send = (status: number, type: string, body: unknown) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', connection: 'keep-alive' });
    response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
  };
  if (path !== '/health') return send(404, PROBLEM, refusal(404, 'Not Found', 'not_found', 'Only /health here.'));
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return send(405, PROBLEM, refusal(405, 'Method Not Allowed', 'method_not_allowed', '/health answers GET only.'));
  const answer = healthAnswer(last, Date.now());
  send(answer.status, 'application/json', answer.body);
});
// Slow or idle callers do not hold the port's sockets for long.
server.headersTimeout = 5_000;
server.requestTimeout = 5_000;
server.keepAliveTimeout = 5_000;
server.once('error', (error) => parentPort!.postMessage({ error: error.message }));
server.listen(port, host, () => parentPort!.postMessage({ listening: true }));
