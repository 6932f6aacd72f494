import type { VersionInfo } from './discovery-types.js';

/**
 * The Kubernetes version kubenest implements. kubectl warns when its minor version is more
 * than one away from the server's, so this tracks the kubectl generation we test against.
 */
export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '32';
export const KUBENEST_GIT_VERSION = `v${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}.0-kubenest`;

export interface VersionInfoOptions {
  gitCommit?: string;
  buildDate?: string;
}

/** The /version document. goVersion/compiler describe the runtime, as Go servers report theirs. */
export function buildVersionInfo(options: VersionInfoOptions = {}): VersionInfo {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: KUBENEST_GIT_VERSION,
    gitCommit: options.gitCommit ?? '',
    gitTreeState: options.gitCommit ? 'clean' : '',
    buildDate: options.buildDate ?? '1970-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'tsc',
    platform: `${process.platform === 'win32' ? 'windows' : process.platform}/${goArch(process.arch)}`,
  };
}

/** Go's GOARCH names, so "linux/amd64" reads like every other apiserver's platform. */
function goArch(arch: string): string {
  return ({ x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch] ?? arch;
}
