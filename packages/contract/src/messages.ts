/**
 * Messages Concerto adds to the y-websocket protocol (whose own types are 0 sync, 1 awareness,
 * 2 auth, 3 query awareness). Server to client only; a client never sends them.
 *
 * Storage status (issue 10 item 9), two bytes `[4, status]`: 1 when the server's storage stopped
 * taking writes (nothing is relayed meanwhile: the durability rule), 0 once what was held back
 * is stored. Sent to every open connection when it changes, and to a newcomer when it joins
 * during an outage. A message of its own rather than an awareness entry (which standard
 * clients would show as a person, and which expires unless renewed) or the plenary document
 * (which cannot be written while storage is down). A standard y-websocket client logs
 * « Unable to compute message » for it and carries on.
 */
export const STORAGE_STATUS_MESSAGE = 4;
export const StorageStatus = { stored: 0, suspended: 1 } as const;
