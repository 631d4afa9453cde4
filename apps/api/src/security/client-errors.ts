import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem/problem.js';

const REFUSALS: Record<string, { status: number; code: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    detail: 'The request headers are larger than 16 kB (a bearer token is at most 8 kB).',
  },
};

/**
 * Requests Node refuses before the api sees them (headers too large, a malformed request line) get a
 * problem+json answer too, instead of Node's bare status line; the connection is closed after it.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) return void socket.destroy();
    const refusal = REFUSALS[error.code ?? ''] ?? {
      status: 400,
      code: 'malformed_request',
      detail: 'The request is not valid HTTP.',
    };
    const body = JSON.stringify(problem(refusal.status, refusal.code, refusal.detail, { rule: refusal.code }));
    const reason = refusal.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    socket.end(
      `HTTP/1.1 ${refusal.status} ${reason}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
