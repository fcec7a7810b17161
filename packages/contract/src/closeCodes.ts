/**
 * Websocket close codes. The 4xxx codes mirror HTTP statuses so that a client
 * can show the same message for a refused link whatever the transport.
 */
export const CloseCode = {
  /** the server restarts; clients reconnect */
  serviceRestart: 1012,
  /** a frame that is not a y-websocket message */
  unsupportedData: 1003,
  /** a y-websocket message whose update does not decode, or that leaves a causal gap */
  invalidPayload: 1007,
  /** a frame over the server's size limit */
  messageTooBig: 1009,
  /** storage failed: nothing was relayed; the client resends after reconnecting */
  internalError: 1011,
  /** no valid token */
  unauthorized: 4401,
  /** the token is valid but does not open this room */
  forbidden: 4403,
  /** no such session or room */
  notFound: 4404,
  /** the room's document reached its size cap */
  documentTooLarge: 4413,
  /**
   * the connection sent messages faster than its rate limit. A 1xxx code on purpose: y-websocket
   * clients stop reconnecting after any 44xx close, and this one should come back after a pause.
   */
  tooManyMessages: 1008,
  /**
   * the server cannot take this connection now, and reconnecting later works: a reader too slow
   * for the room's traffic, or a room that cannot be opened while storage is unavailable
   * (y-websocket clients reconnect after their backoff on any code outside 4400–4499)
   */
  tryAgainLater: 1013,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Close codes after which reconnecting with the same token cannot succeed. y-websocket 3
 * clients already stop on every 4400–4499 code; this list is for messages to the user.
 */
export const FATAL_CLOSE_CODES: readonly number[] = [CloseCode.unauthorized, CloseCode.forbidden, CloseCode.notFound, CloseCode.documentTooLarge];
