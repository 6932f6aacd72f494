import { execFile } from 'node:child_process';
import { readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

/** What the node reports about its host: capacity, addresses, system info. */
export interface HostInfo {
  cpu: number;
  memoryKi: number;
  ephemeralStorageKi: number;
  internalIP: string;
  hostname: string;
  kernelVersion: string;
  osImage: string;
  architecture: string;
  operatingSystem: string;
  containerRuntimeVersion: string;
  machineID: string;
}

/** Node's arch names as Go's GOARCH spells them. */
const GOARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };

export async function readHostInfo(
  runtimeName: 'docker' | 'process',
  stateDir: string,
  nodeIP?: string,
): Promise<HostInfo> {
  const fs = statfsSync(stateDir);
  return {
    cpu: os.availableParallelism(),
    memoryKi: Math.floor(os.totalmem() / 1024),
    ephemeralStorageKi: Math.floor((fs.blocks * fs.bsize) / 1024),
    internalIP: nodeIP ?? internalIP(),
    hostname: os.hostname(),
    kernelVersion: os.release(),
    osImage: osImage(),
    architecture: GOARCH[process.arch] ?? process.arch,
    operatingSystem: process.platform,
    containerRuntimeVersion: runtimeName === 'docker' ? `docker://${await dockerVersion()}` : 'process://kubenest',
    machineID: safeRead('/etc/machine-id').trim(),
  };
}

/**
 * The first IPv4 address of a host interface that is not loopback or a container bridge,
 * else loopback (a single-machine cluster). KUBENEST_NODE_IP overrides it, as --node-ip does.
 */
function internalIP(): string {
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    if (/^(docker|br-|veth|kubenest)/.test(name)) continue;
    for (const a of addresses ?? []) {
      if (a.family === 'IPv4' && !a.internal) return a.address;
    }
  }
  return '127.0.0.1';
}

function osImage(): string {
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(safeRead('/etc/os-release'));
  return pretty?.[1] ?? `${os.type()} ${os.release()}`;
}

async function dockerVersion(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('docker', ['version', '--format', '{{.Server.Version}}']);
    return stdout.trim();
  } catch {
    return 'unknown';
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
