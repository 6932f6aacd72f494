import { StatusBadge } from '../components/status-badge.js';
import type { Endpoints, Service } from '../model/k8s-types.js';
import { useWatch } from '../store/hooks.js';
import { byNamespaceAndName, watchScope } from './scope.js';

/** Services with the endpoints behind them: which pods answer, and which are not ready. */
export function ServicesView({ namespace }: { namespace: string }) {
  const services = useWatch<Service>('services', watchScope(namespace));
  const endpoints = useWatch<Endpoints>('endpoints', watchScope(namespace));
  const endpointsByKey = new Map(endpoints.items().map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]));
  const rows = [...services.items()].sort(byNamespaceAndName);
  return (
    <section class="panel" aria-labelledby="services-title">
      <header class="panel-head">
        <h2 id="services-title">Services</h2>
        <span class="panel-note">{services.synced ? rows.length : 'loading…'}</span>
      </header>
      {services.failure ? <p class="error-text">Cannot list services: {services.failure.message}</p> : null}
      {services.synced && rows.length === 0 ? <p class="empty">No services in this namespace.</p> : null}
      {rows.length ? (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {namespace ? null : <th scope="col">Namespace</th>}
              <th scope="col">Type</th>
              <th scope="col">Cluster IP</th>
              <th scope="col">Ports</th>
              <th scope="col">Endpoints</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <ServiceRow
                service={s}
                endpoints={endpointsByKey.get(`${s.metadata.namespace}/${s.metadata.name}`)}
                showNamespace={!namespace}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function ServiceRow(props: { service: Service; endpoints?: Endpoints; showNamespace: boolean }) {
  const { service, endpoints, showNamespace } = props;
  const ports = (service.spec.ports ?? [])
    .map(
      (p) =>
        `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}/${p.protocol ?? 'TCP'}`,
    )
    .join(', ');
  const ready = (endpoints?.subsets ?? []).flatMap((s) =>
    (s.addresses ?? []).map((a) => ({ a, ports: s.ports ?? [] })),
  );
  const notReady = (endpoints?.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []);
  const selectorless = !service.spec.selector || Object.keys(service.spec.selector).length === 0;
  return (
    <tr data-name={service.metadata.name}>
      <th scope="row">{service.metadata.name}</th>
      {showNamespace ? <td>{service.metadata.namespace}</td> : null}
      <td>{service.spec.type ?? 'ClusterIP'}</td>
      <td class="mono">{service.spec.clusterIP ?? '—'}</td>
      <td class="mono">{ports || '—'}</td>
      <td>
        <div class="endpoint-summary">
          {ready.length ? (
            <StatusBadge tone="ok" text={`${ready.length} ready`} />
          ) : (
            <StatusBadge
              tone={selectorless ? 'muted' : 'warning'}
              text={selectorless ? 'no selector' : 'no ready endpoints'}
            />
          )}
          {notReady.length ? <StatusBadge tone="progress" text={`${notReady.length} not ready`} /> : null}
        </div>
        <ul class="endpoint-list">
          {ready.slice(0, 6).map(({ a, ports: p }) => (
            <li class="mono">
              {a.ip}
              {p[0] ? `:${p[0].port}` : ''}
              {a.targetRef?.name ? ` (${a.targetRef.name})` : ''}
            </li>
          ))}
          {ready.length > 6 ? <li>and {ready.length - 6} more</li> : null}
        </ul>
      </td>
    </tr>
  );
}
