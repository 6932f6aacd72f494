import { Counter, Gauge, type Registry } from 'prom-client';

/** Values read when Prometheus scrapes, rather than kept up to date on every change. */
export interface LoggingReadings {
  bufferBytes(): number;
  bufferChunks(): number;
  lagSeconds(): number;
}

/**
 * The shipper's Prometheus metrics, on the node agent's /metrics. What the engine took
 * (delivered, duplicate, dead-lettered) and retries are BulkDelivery's kubenest_search_* metrics
 * with pipeline="logs", on the same registry.
 */
export class LoggingMetrics {
  /** Set by the shipper once it runs; the gauges read 0 until then. */
  readings?: LoggingReadings;
  readonly linesRead: Counter;
  readonly bytesRead: Counter;
  readonly recordsEmitted: Counter;
  readonly lagBytes: Gauge;
  readonly lagSeconds: Gauge;
  readonly bufferBytes: Gauge;
  readonly bufferChunks: Gauge;
  readonly drops: Counter<'reason'>;
  readonly deliveryErrors: Counter<'reason'>;
  readonly files: Gauge;

  constructor(registry: Registry) {
    const registers = [registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the collect callbacks run with the gauge as `this`
    const metrics = this;
    this.linesRead = new Counter({
      name: 'kubenest_log_lines_read_total',
      help: 'json-file lines read from container logs',
      registers,
    });
    this.bytesRead = new Counter({
      name: 'kubenest_log_read_bytes_total',
      help: 'Bytes read from container logs',
      registers,
    });
    this.recordsEmitted = new Counter({
      name: 'kubenest_log_records_emitted_total',
      help: 'Log records (after partial-line and multiline joining) put into the buffer',
      registers,
    });
    this.lagBytes = new Gauge({
      name: 'kubenest_log_lag_bytes',
      help: 'Bytes in followed container logs not read yet',
      registers,
    });
    this.lagSeconds = new Gauge({
      name: 'kubenest_log_lag_seconds',
      help: 'Age of the oldest record in the chunk being delivered (0 when the buffer is empty)',
      registers,
      collect: () => metrics.lagSeconds.set(metrics.readings?.lagSeconds() ?? 0),
    });
    this.bufferBytes = new Gauge({
      name: 'kubenest_log_buffer_bytes',
      help: 'Bytes in the disk buffer',
      registers,
      collect: () => metrics.bufferBytes.set(metrics.readings?.bufferBytes() ?? 0),
    });
    this.bufferChunks = new Gauge({
      name: 'kubenest_log_buffer_chunks',
      help: 'Chunks in the disk buffer',
      registers,
      collect: () => metrics.bufferChunks.set(metrics.readings?.bufferChunks() ?? 0),
    });
    this.drops = new Counter({
      name: 'kubenest_log_dropped_total',
      help: 'Records or files lost, by reason: rotated_away (a rotated file deleted before it was read to its end), unreadable_chunk (a buffered record that could not be read back)',
      labelNames: ['reason'],
      registers,
    });
    this.deliveryErrors = new Counter({
      name: 'kubenest_log_delivery_errors_total',
      help: 'Chunk deliveries that failed, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.files = new Gauge({ name: 'kubenest_log_files', help: 'Container log files followed', registers });
  }
}
