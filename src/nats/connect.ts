import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * Connects to the broker the user names (`nats://host:4222`, several separated by commas) and keeps
 * reconnecting while it is away. Nothing else is contacted; credentials, if any, come in the URL.
 * @category NATS
 * @example const nc = await connectBroker('nats://127.0.0.1:4222', 'tidewatch-worker');
 */
export async function connectBroker(server: string, name: string): Promise<NatsConnection> {
  return connect({ servers: server.split(',').map((s) => s.trim()), name, maxReconnectAttempts: -1, reconnectTimeWait: 250, waitOnFirstConnect: false });
}
