/**
 * `tidewatch/nats` (Node only): the keyed engine on NATS JetStream — publish routed transactions,
 * one worker per partition with checkpoints in a key-value bucket, a network stage and collect.
 * Needs the optional peer dependencies `@nats-io/transport-node`, `@nats-io/jetstream` and `@nats-io/kv`.
 */
export { connectBroker } from './connect.js';
export { collectAlerts, type CollectResult } from './collect.js';
export { decodePartitionMessage, KIND_HEADER, POSITION_HEADER, type DoneMarker, type EndMarker, type Malformed, type NetworkDoneMarker, type PartitionMessage, type StartMarker } from './messages.js';
export { pipelineNames, type PipelineNames } from './names.js';
export { runNetworkStage, type NetworkStageOptions } from './network-stage.js';
export { createPartitionMonitor, type PartitionCheckpoint, type PartitionMonitor, type PartitionMonitorOptions, type PartitionStep } from './partition-monitor.js';
export { openPipeline, type OpenPipelineOptions, type Pipeline } from './pipeline.js';
export { publishTransactions, type PublishOptions, type PublishResult } from './publish.js';
export { createRouter, type Route, type Router } from '../engine/route.js';
export { runPartitionWorker, type WorkerOptions, type WorkerResult } from './worker.js';
