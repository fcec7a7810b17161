/** Error codes of the HTTP API: `{ error: { code, message } }`. */
export const ErrorCode = {
  badRequest: 'bad-request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not-found',
  conflict: 'conflict',
  payloadTooLarge: 'payload-too-large',
  storageUnavailable: 'storage-unavailable',
  /** 503 with `Retry-After`: the server is doing as much of this as it takes at once (exports) */
  busy: 'busy',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
