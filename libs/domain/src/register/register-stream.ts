const PREFIX = 'register-';

/**
 * The site whose register a stream is, or undefined for any other stream. The one place that knows how register
 * streams are named.
 */
export function registerSiteOf(stream: string): string | undefined {
  return stream.startsWith(PREFIX) ? stream.slice(PREFIX.length) : undefined;
}
