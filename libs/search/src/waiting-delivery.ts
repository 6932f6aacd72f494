import type { BulkItem, Delivery, DeliveryReport } from './sink.js';
import type { SearchConnection } from './search-connection.js';

/**
 * A Delivery that first waits for its SearchConnection, so while the engine is unreachable
 * deliver() simply stays pending (the caller's buffer holds) instead of failing; it rejects
 * only when the signal aborts, as the Delivery contract says.
 */
export class WaitingDelivery implements Delivery {
  constructor(
    private readonly connection: SearchConnection,
    private readonly delivery: Delivery,
  ) {}

  async deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport> {
    await this.connection.connected(signal);
    return this.delivery.deliver(items, signal);
  }
}
