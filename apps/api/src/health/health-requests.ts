import type { IncomingMessage, ServerResponse } from 'node:http';
import { healthAnswer, type HealthPost } from './health-answer.js';

const PROBLEM = 'application/problem+json';

// The api's problem details (problem/problem.ts), written out: the health listener loads nothing but node:http.
const refusal = (status: number, title: string, rule: string, detail: string) => ({
  type: `urn:cannatrace:problem:${rule}`,
  title,
  status,
  detail,
  rule,
});

/** The health port's requests: `GET /health` (or HEAD) from the last post, nothing else; no body is read. */
export function healthRequests(lastPost: () => HealthPost | undefined, now: () => number = Date.now) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const path = (request.url ?? '').split('?')[0];
    const send = (status: number, type: string, body: unknown) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : JSON.stringify(body));
    };
    if (path !== '/health') return send(404, PROBLEM, refusal(404, 'Not Found', 'not_found', 'Only /health here.'));
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(405, PROBLEM, refusal(405, 'Method Not Allowed', 'method_not_allowed', '/health answers GET only.'));
    const answer = healthAnswer(lastPost(), now());
    send(answer.status, 'application/json', answer.body);
  };
}
