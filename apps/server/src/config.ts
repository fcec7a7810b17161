/**
 * Configuration, parsed once at the edge. `loadConfig` reports every bad variable at once.
 * The README's table of variables mirrors `VARIABLES` below.
 */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** a redis:// URL: this server is one instance of a cluster (with databaseUrl) */
  redisUrl: string | null;
  /** namespace of the cluster's Redis keys and channels */
  redisPrefix: string;
  secret: string | null;
  adminToken: string | null;
  /** base URL used in the links handed out (`https://concerto.example.fr`); null: from the request */
  publicUrl: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** directory of the built web app */
  webDir: string;
  limits: Limits;
  tokenTtlDays: number;
  /** sessions older than this many days are deleted (GDPR retention); null keeps them */
  retentionDays: number | null;
  /** origins (scheme://host[:port]) allowed besides the server's own, for websockets and state-changing routes */
  allowedOrigins: string[];
  /** when set, GET /metrics needs it as a Bearer token */
  metricsToken: string | null;
}

export interface Limits {
  /** largest websocket frame accepted; bigger closes the socket with 1009 */
  maxMessageBytes: number;
  /** largest stored size of one room's document; updates past it close the socket with 4413 */
  maxDocumentBytes: number;
  /** sustained websocket messages per second per connection, and the burst allowed */
  messagesPerSecond: number;
  messageBurst: number;
  /** rows in a room's update log before it is compacted into one snapshot */
  compactAfterRows: number;
  /** largest HTTP body */
  maxBodyBytes: number;
  /** the coalescing window: least time between two flushes (store, then relay) while updates keep coming; an update after a quiet stretch goes at once; 0: every event-loop turn (decision 006) */
  flushIntervalMs: number;
  /** bytes queued to one socket past which it gets nothing more and is closed with 1013 (R28) */
  maxSendBufferBytes: number;
  /** sockets of one remote address that have not finished their request or upgrade; more are closed at once */
  maxPendingPerAddress: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== null && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite)');
  }
  const redisUrl = text('REDIS_URL');
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// URL');
  if (redisUrl !== null && databaseUrl === null) problems.push('REDIS_URL needs DATABASE_URL: SQLite is one process\'s store');
  const redisPrefix = text('REDIS_PREFIX') ?? 'concerto';
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(redisPrefix)) problems.push('REDIS_PREFIX must be 1 to 64 letters, digits or _.:-');
  const secret = text('CONCERTO_SECRET');
  if (secret !== null && secret.length < 32) problems.push('CONCERTO_SECRET must be at least 32 characters');
  const publicUrl = text('PUBLIC_URL');
  if (publicUrl !== null && !/^https?:\/\/[^/]+/.test(publicUrl)) problems.push('PUBLIC_URL must be an http(s) URL');
  const allowedOrigins: string[] = [];
  for (const raw of (text('ALLOWED_ORIGINS') ?? '').split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    const origin = /^https?:\/\/[^/\s]+$/i.test(item.replace(/\/+$/, '')) ? new URL(item).origin : null;
    if (origin === null) problems.push(`ALLOWED_ORIGINS must be a comma-separated list of http(s)://host[:port] (got "${item}")`);
    else allowedOrigins.push(origin);
  }
  const logLevel = (text('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const config: Config = {
    port: int('PORT', 8080, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    dataDir: resolve(cwd, text('DATA_DIR') ?? './data'),
    databaseUrl,
    redisUrl,
    redisPrefix,
    secret,
    adminToken: text('ADMIN_TOKEN'),
    publicUrl: publicUrl?.replace(/\/+$/, '') ?? null,
    logLevel,
    webDir: resolve(cwd, text('WEB_DIR') ?? new URL('../../web/dist', import.meta.url).pathname),
    tokenTtlDays: int('TOKEN_TTL_DAYS', 180, 1, 3650),
    retentionDays: text('RETENTION_DAYS') === null ? null : int('RETENTION_DAYS', 0, 1, 36_500),
    allowedOrigins,
    metricsToken: text('METRICS_TOKEN'),
    limits: {
      maxMessageBytes: int('MAX_MESSAGE_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      maxDocumentBytes: int('MAX_DOCUMENT_BYTES', 16 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
      messagesPerSecond: int('MAX_MESSAGES_PER_SECOND', 60, 1, 100_000),
      messageBurst: int('MESSAGE_BURST', 300, 1, 1_000_000),
      compactAfterRows: int('COMPACT_AFTER_ROWS', 500, 2, 1_000_000),
      flushIntervalMs: int('FLUSH_INTERVAL_MS', 16, 0, 1000),
      maxSendBufferBytes: int('MAX_SEND_BUFFER_BYTES', 8 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
      maxPendingPerAddress: int('MAX_PENDING_PER_ADDRESS', 64, 1, 100_000),
      maxBodyBytes: 256 * 1024,
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Every variable, its default and meaning: the README's table is written from this. */
export const VARIABLES: readonly { name: string; fallback: string; meaning: string }[] = [
  { name: 'PORT', fallback: '8080', meaning: 'HTTP and websocket port (0 picks a free one)' },
  { name: 'HOST', fallback: '0.0.0.0', meaning: 'interface to listen on' },
  { name: 'DATA_DIR', fallback: './data', meaning: 'embedded SQLite database and generated signing secret' },
  { name: 'DATABASE_URL', fallback: '(unset)', meaning: 'a postgres:// URL switches storage to PostgreSQL' },
  { name: 'REDIS_URL', fallback: '(unset)', meaning: 'a redis:// URL makes this server one instance of a cluster (needs DATABASE_URL)' },
  { name: 'REDIS_PREFIX', fallback: 'concerto', meaning: 'namespace of the cluster\'s Redis keys and channels' },
  { name: 'CONCERTO_SECRET', fallback: 'generated into DATA_DIR/secret', meaning: 'token signing key, ≥ 32 characters' },
  { name: 'ADMIN_TOKEN', fallback: '(unset)', meaning: 'when set, creating a session needs it as a Bearer token' },
  { name: 'PUBLIC_URL', fallback: 'from the request', meaning: 'base URL of the links handed out' },
  { name: 'ALLOWED_ORIGINS', fallback: '(unset: own origin only)', meaning: 'comma list of other origins allowed to open websockets and change state (403 otherwise)' },
  { name: 'METRICS_TOKEN', fallback: '(unset: open)', meaning: 'when set, GET /metrics needs it as a Bearer token' },
  { name: 'LOG_LEVEL', fallback: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'WEB_DIR', fallback: 'apps/web/dist', meaning: 'the built web app to serve' },
  { name: 'TOKEN_TTL_DAYS', fallback: '180', meaning: 'how long the links of a new session stay valid' },
  { name: 'RETENTION_DAYS', fallback: '(unset: kept)', meaning: 'sessions older than this many days are deleted, at startup and daily' },
  { name: 'MAX_MESSAGE_BYTES', fallback: '1048576', meaning: 'largest websocket frame (bigger: close 1009)' },
  { name: 'MAX_DOCUMENT_BYTES', fallback: '16777216', meaning: 'largest stored document of one room (past it: close 4413)' },
  { name: 'MAX_MESSAGES_PER_SECOND', fallback: '60', meaning: 'sustained websocket messages per connection (past it: close 1008)' },
  { name: 'MESSAGE_BURST', fallback: '300', meaning: 'burst of websocket messages allowed per connection' },
  { name: 'FLUSH_INTERVAL_MS', fallback: '16', meaning: 'coalescing window: least time between two flushes while updates keep coming (a lone update goes at once; 0: every event-loop turn)' },
  { name: 'MAX_SEND_BUFFER_BYTES', fallback: '8388608', meaning: 'bytes queued to one slow socket before it is closed with 1013' },
  { name: 'MAX_PENDING_PER_ADDRESS', fallback: '64', meaning: 'unfinished connections (no complete request yet) per remote address' },
  { name: 'COMPACT_AFTER_ROWS', fallback: '500', meaning: 'update-log rows before a room is compacted' },
];
