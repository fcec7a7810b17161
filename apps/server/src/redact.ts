/**
 * Links carry capabilities (`?token=…` on websocket and page URLs): a URL is redacted before
 * it reaches a log line, so logs can be shared without handing out access.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|t)=)[^&#]*/gi, '$1[redacted]');
}
