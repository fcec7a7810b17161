/**
 * The server's Prometheus metrics (issue 10, item 10), served as text by `GET /metrics`.
 * One registry per server (tests run several servers in one process). Counters are bumped
 * where things happen; gauges read the live state when scraped, so nothing is kept twice.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DropReason } from './connection.js';

/** Why a connection was refused or closed by the server's rules: a label of `concerto_refused_connections_total`. */
export type RefusalReason =
  | 'origin'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'restarting'
  | 'storage-unavailable'
  | 'server-error'
  | 'too-many-pending'
  | 'unfinished-upgrade'
  | 'slow-reader'
  | 'slow-request';

export interface MetricSources {
  rooms(): number;
  connections(): number;
  /** bytes queued to every socket, not yet written to the kernel */
  queuedBytes(): number;
  /** null when alone (no Redis) */
  fanOut(): { up: boolean; published: number; dropped: number; received: number; inFlight: number } | null;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class Metrics {
  readonly registry = new Registry();
  /** frames and bytes sent, as plain numbers: `sent` runs once per receiver per frame, the counters take them at scrape time */
  private sentFrames = 0;
  private sentBytes = 0;
  private readonly framesSent = new Counter({
    name: 'concerto_relayed_frames_total',
    help: 'websocket messages sent to clients',
    registers: [this.registry],
    collect: () => this.takeSent(),
  });
  private readonly bytesSent = new Counter({
    name: 'concerto_relayed_bytes_total',
    help: 'bytes of websocket messages sent to clients',
    registers: [this.registry],
    collect: () => this.takeSent(),
  });
  readonly dropped = new Counter({
    name: 'concerto_dropped_messages_total',
    help: 'client messages dropped or refused, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly refused = new Counter({
    name: 'concerto_refused_connections_total',
    help: 'connections refused or closed by the server\'s rules, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly compactions = new Counter({ name: 'concerto_compactions_total', help: 'room logs compacted into one snapshot row by this instance', registers: [this.registry] });
  readonly storageErrors = new Counter({ name: 'concerto_storage_errors_total', help: 'failed appends to storage (retried)', registers: [this.registry] });
  readonly flushSeconds = new Histogram({
    name: 'concerto_flush_duration_seconds',
    help: 'one flush: take the rooms\' batches, store them, relay them',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly commitSeconds = new Histogram({
    name: 'concerto_commit_duration_seconds',
    help: 'one storage append (the commit a relay waits for)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'concerto_' });
  }

  /** the gauges read at scrape time */
  observe(sources: MetricSources): void {
    const registers = [this.registry];
    new Gauge({ name: 'concerto_rooms_loaded', help: 'rooms in memory', registers, collect() { this.set(sources.rooms()); } });
    new Gauge({ name: 'concerto_connections', help: 'open websocket connections', registers, collect() { this.set(sources.connections()); } });
    new Gauge({ name: 'concerto_queued_bytes', help: 'bytes queued to sockets, not yet written', registers, collect() { this.set(sources.queuedBytes()); } });
    if (sources.fanOut() === null) return; // alone: no fan-out to describe
    const fanOut = (pick: (f: NonNullable<ReturnType<MetricSources['fanOut']>>) => number) =>
      function (this: Gauge) {
        const state = sources.fanOut();
        if (state !== null) this.set(pick(state));
      };
    new Gauge({ name: 'concerto_fanout_up', help: '1 while the link to the other instances (Redis) works', registers, collect: fanOut((f) => (f.up ? 1 : 0)) });
    new Gauge({ name: 'concerto_fanout_published', help: 'events published to the other instances', registers, collect: fanOut((f) => f.published) });
    new Gauge({ name: 'concerto_fanout_dropped', help: 'publishes dropped (link down, in-flight bound, lost)', registers, collect: fanOut((f) => f.dropped) });
    new Gauge({ name: 'concerto_fanout_received', help: 'events received from the other instances', registers, collect: fanOut((f) => f.received) });
    new Gauge({ name: 'concerto_fanout_in_flight', help: 'publishes not yet acknowledged', registers, collect: fanOut((f) => f.inFlight) });
  }

  /** a message of `bytes` went out to one client (the hot path: two additions) */
  sent(bytes: number): void {
    this.sentFrames += 1;
    this.sentBytes += bytes;
  }

  private takeSent(): void {
    this.framesSent.inc(this.sentFrames);
    this.bytesSent.inc(this.sentBytes);
    this.sentFrames = 0;
    this.sentBytes = 0;
  }

  drop(reason: DropReason, n = 1): void {
    this.dropped.inc({ reason }, n);
  }

  refuse(reason: RefusalReason): void {
    this.refused.inc({ reason });
  }
}
