import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { HealthPost } from './health-answer.js';
import { healthRequests } from './health-requests.js';

/**
 * The health port, in a worker thread of its own (started by health-port.ts): it answers `GET /health` from the
 * last post of the api's main thread, so that a main event loop saturated by requests does not delay the answer,
 * and a main thread that stops posting is answered as unavailable. It reads no body and serves nothing else.
 */
const { port, host } = workerData as { port: number; host: string };
let last: HealthPost | undefined;
parentPort!.on('message', (post: HealthPost) => (last = post));

const server = createServer(healthRequests(() => last));
// Slow or idle callers do not hold the port's sockets for long.
server.headersTimeout = 5_000;
server.requestTimeout = 5_000;
server.keepAliveTimeout = 5_000;
server.once('error', (error) => parentPort!.postMessage({ error: error.message }));
server.listen(port, host, () => parentPort!.postMessage({ listening: true }));
