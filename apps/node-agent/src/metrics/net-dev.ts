export interface InterfaceStats {
  name: string;
  rxBytes: number;
  rxErrors: number;
  txBytes: number;
  txErrors: number;
}

/** The interfaces of /proc/net/dev except loopback, with the counters the kubelet's summary reports. */
export function parseNetDev(text: string): InterfaceStats[] {
  const interfaces: InterfaceStats[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (name === 'lo') continue;
    // Receive: bytes packets errs drop fifo frame compressed multicast; then the same for transmit.
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(Number);
    interfaces.push({ name, rxBytes: f[0], rxErrors: f[2], txBytes: f[8], txErrors: f[10] });
  }
  return interfaces;
}

/**
 * The interface the node's traffic goes through, as the kubelet names one "default": the
 * first that is not a container bridge, a veth or a tunnel.
 */
export function defaultInterface(interfaces: InterfaceStats[]): InterfaceStats | undefined {
  return interfaces.find((i) => !/^(docker|br-|veth|kubenest|cni|flannel|cali|tun|ifb|dummy|virbr)/.test(i.name));
}
