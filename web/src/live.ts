/** The events the signed-in organisation may see, as they are committed (GET /v1/events/stream, read with fetch). */
export interface LiveEvent {
  id: string;
  type: string;
  stream: string;
  organisation: string;
  recordedAt: string;
  batchKeys?: string[];
}

/** Follows the stream until `signal` aborts; each event is handed to `seen`. A dropped connection simply ends. */
export async function follow(token: string, signal: AbortSignal, seen: (event: LiveEvent) => void): Promise<void> {
  try {
    const response = await fetch('/v1/events/stream', {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal,
    });
    if (!response.ok || !response.body) return;
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .find((line) => line.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (data) seen(JSON.parse(data.slice('data: '.length)) as LiveEvent);
      }
    }
  } catch {
    // Aborted (signed out) or the connection dropped.
  }
}
