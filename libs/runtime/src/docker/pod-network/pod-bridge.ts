import type Docker from 'dockerode';
import { runIp } from './run-ip.js';

/** The Linux bridge behind the Docker network pods are wired to, and its gateway address. */
export interface PodBridge {
  device: string;
  gateway: string;
}

/**
 * Docker names a bridge network's device `br-<first 12 of the network ID>` unless the network
 * says otherwise; the gateway is the device's address (Docker puts the subnet's first one
 * there unless told). Reading it from the device also proves the device exists.
 */
export async function podBridgeOf(docker: Docker, networkName: string): Promise<PodBridge> {
  const network = (await docker.getNetwork(networkName).inspect()) as {
    Id: string;
    Options?: Record<string, string>;
  };
  const device = network.Options?.['com.docker.network.bridge.name'] || `br-${network.Id.slice(0, 12)}`;
  const shown = JSON.parse(await runIp([`addr show dev ${device}`], { args: ['-json', '-4'] })) as {
    addr_info?: { local?: string }[];
  }[];
  const gateway = shown[0]?.addr_info?.find((address) => address.local)?.local;
  if (!gateway) throw new Error(`the bridge ${device} of Docker network ${networkName} has no IPv4 address`);
  return { device, gateway };
}
