import type Docker from 'dockerode';
import type { Labels } from '../container-runtime.js';

export interface DockerRuntimeOptions {
  /** A dockerode client; defaults to the local socket (DOCKER_HOST is honoured by dockerode). */
  docker?: Docker;
  /** The bridge network pods get their IPs on; created when missing. */
  network?: { name: string; subnet: string };
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
