import { ConfigError } from '../_internal/config-error.js';

/**
 * The JetStream names one tidewatch pipeline uses, all derived from one stream name (`tx` by
 * default): the transaction stream with a subject per partition and one for its dead letters, the
 * alerts stream, the key-value bucket of worker checkpoints, and the durable consumer of each
 * partition.
 * @category NATS
 */
export interface PipelineNames {
  /** Transaction stream (subjects `<stream>.p.<k>` and `<stream>.dead.<k>`). */
  readonly stream: string;
  /** Alerts stream (subjects `<stream>.alerts.>`). */
  readonly alertsStream: string;
  /** Key-value bucket with each partition's checkpoint. */
  readonly bucket: string;
  /** Transactions of partition k (`<stream>.p.<k>`). */
  readonly partition: (k: number) => string;
  /** Dead letters of partition k (`<stream>.dead.<k>`). */
  readonly dead: (k: number) => string;
  /** Entity alerts of partition k, as they are finalised and at its end. */
  readonly entity: (k: number) => string;
  /** Entity alerts of partition k that can join networks, at its end. */
  readonly candidate: (k: number) => string;
  /** Partition k's end: counts, after everything else it published. */
  readonly done: (k: number) => string;
  /** Network alerts of the network stage. */
  readonly network: string;
  /** The network stage's end marker. */
  readonly networkDone: string;
  /** Every subject of the alerts stream. */
  readonly alertsWildcard: string;
  /** The durable consumer of partition k. */
  readonly consumer: (k: number) => string;
}

/**
 * The names of the pipeline on stream `stream` (letters, digits, `-` and `_`).
 * Throws ConfigError `invalid_options` for another name.
 * @category NATS
 * @example pipelineNames('tx').partition(3) // → 'tx.p.3'
 */
export function pipelineNames(stream: string): PipelineNames {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) throw new ConfigError('invalid_options', `--stream: "${stream}" must be 1-64 letters, digits, "-" or "_"`);
  return {
    stream,
    alertsStream: `${stream}_alerts`,
    bucket: `${stream}_state`,
    partition: (k) => `${stream}.p.${k}`,
    dead: (k) => `${stream}.dead.${k}`,
    entity: (k) => `${stream}.alerts.entity.${k}`,
    candidate: (k) => `${stream}.alerts.candidate.${k}`,
    done: (k) => `${stream}.alerts.done.${k}`,
    network: `${stream}.alerts.network`,
    networkDone: `${stream}.alerts.network-done`,
    alertsWildcard: `${stream}.alerts.>`,
    consumer: (k) => `${stream}-p${k}`,
  };
}
