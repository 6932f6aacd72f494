import type Docker from 'dockerode';
import type { Labels } from '../container-runtime.js';

export interface DockerRuntimeOptions {
  /** A dockerode client; defaults to the local socket (DOCKER_HOST is honoured by dockerode). */
  docker?: Docker;
  /** The bridge network pods get their IPs on; created when missing. */
  network?: { name: string; subnet: string };
  /**
   * Who connects a sandbox to that network: `veth`, the runtime itself (NetworkMode none, a
   * veth pair on the network's bridge, an address from the upper half of the subnet, as the
   * CNI bridge plugin does), or `docker` (Docker attaches it, at a higher cost per sandbox).
   * Default: `veth` as root with `ip` and `nsenter` at hand, else `docker`. Sandboxes with host
   * ports are always Docker's, which publishes the ports.
   */
  podNetworkAttach?: 'veth' | 'docker';
  /** Where `veth` keeps its address reservations, shared by all agents of the machine; default /run/kubenest/ip-reservations. */
  ipReservationsDir?: string;
  /** The image whose process holds each pod's network namespace. */
  pauseImage?: string;
  /**
   * Labels put on everything this runtime creates and required of everything it lists, so
   * several node agents (or tests) can share one Docker daemon without seeing each other's pods.
   */
  scopeLabels?: Labels;
  /**
   * Docker json-file rotation of every container's log, as the kubelet's containerLogMaxSize and
   * containerLogMaxFiles: 10Mi and 5 files by default, so a chatty container cannot fill the disk.
   */
  containerLogs?: { maxSizeBytes: number; maxFiles: number };
}

export const DEFAULT_CONTAINER_LOGS = { maxSizeBytes: 10 * 1024 * 1024, maxFiles: 5 };
