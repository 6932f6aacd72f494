import type { Logger } from 'pino';
import type { Endpoints, Service } from '#api';
import { ListWatchInformer, type ApiClient, type Informer } from '#client';
import { Resources } from '../pods/resources.js';

/**
 * The cluster's Services and Endpoints, watched once per agent and shared by the proxy, the
 * cluster DNS and the service environment variables. `onChange` runs after any event of
 * either kind.
 */
export class ServiceInformers {
  readonly services: Informer<Service>;
  readonly endpoints: Informer<Endpoints>;
  private readonly listeners: (() => void)[] = [];

  constructor(client: ApiClient, logger: Logger) {
    this.services = new ListWatchInformer<Service>(client, Resources.services, { logger });
    this.endpoints = new ListWatchInformer<Endpoints>(client, Resources.endpoints, { logger });
    const changed = () => this.listeners.forEach((listener) => listener());
    for (const informer of [this.services, this.endpoints] as Informer<Service | Endpoints>[])
      informer.addHandlers({ add: changed, update: changed, delete: changed });
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    await Promise.all([this.services.start(), this.endpoints.start()]);
  }

  stop(): void {
    this.services.stop();
    this.endpoints.stop();
  }

  endpointsOf(service: Service): Endpoints | undefined {
    return this.endpoints.get(service.metadata.namespace ?? 'default', service.metadata.name!);
  }
}
