import type { Request, Response } from 'express';

/** Time the caller gets to read a refusal before its connection is cut. */
const LINGER_MS = 2000;

/**
 * For a refusal sent before the request's body was read to its end: stop reading it (TCP then holds the sender
 * back, so no more of its bytes cost anything), close the connection after the answer, and cut it if the caller
 * is still there a little later. Without this Node reads and discards the rest of every refused megabyte.
 */
export function closeUnreadBody(request: Request, response: Response): void {
  if (request.complete) return;
  response.setHeader('Connection', 'close');
  const socket = request.socket;
  socket.pause();
  response.once('finish', () => {
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}
