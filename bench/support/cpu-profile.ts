import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './docs-section.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Where self time went, as a share of all samples. */
export interface ProfileEntry {
  name: string;
  selfPercent: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A span of CLOCK_MONOTONIC in microseconds: `monotonicMicros()` in any process of this machine. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

/** Now on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, shared by all processes). */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Self time of a `node --cpu-prof` profile summed per function and per package (a
 * node_modules package, a dist/ folder, or node: internals), largest first. Self time only:
 * it says which code burns the CPU, not which caller asked for it. With a window, only the
 * samples taken inside it count (e.g. the bindings, without start-up or setup).
 */
export function summariseCpuProfile(
  path: string,
  top = 12,
  window?: ProfileWindow,
): { functions: ProfileEntry[]; areas: ProfileEntry[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const { nodes } = profile;
  const hitsById = window ? samplesIn(profile, window) : undefined;
  const hitsOf = (node: ProfileNode) => (hitsById ? (hitsById.get(node.id) ?? 0) : (node.hitCount ?? 0));
  const total = nodes.reduce((sum, n) => sum + hitsOf(n), 0) || 1;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of nodes) {
    const hits = hitsOf(node);
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = displayPath(url);
    const fn = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + hits);
    byArea.set(area(file, functionName), (byArea.get(area(file, functionName)) ?? 0) + hits);
  }
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, selfPercent: (100 * hits) / total }));
  return { functions: rank(byFunction), areas: rank(byArea) };
}

/** Samples per node id whose timestamps fall inside the window. */
function samplesIn(profile: CpuProfile, window: ProfileWindow): Map<number, number> {
  const hits = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let at = profile.startTime;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    if (at >= window.fromUs && at <= window.toUs) hits.set(samples[i], (hits.get(samples[i]) ?? 0) + 1);
  }
  return hits;
}

function displayPath(url: string): string {
  if (!url) return '';
  return url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url;
}

function area(file: string, functionName: string): string {
  if (!file) return `(${functionName || 'native'})`; // (garbage collector), (idle), (program)
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1];
  if (file.startsWith('node:')) return 'node: internals';
  const parts = file.split('/');
  return parts.slice(0, parts[0] === 'dist' ? 4 : 2).join('/');
}
