import { createPrivateKey, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { LatencyRecorder, type LatencySummary } from '../support/stats.js';

export interface SignRow {
  key: string;
  operation: 'sign' | 'verify';
  opsPerSecond: number;
  /** Per-operation times, µs. */
  micros: LatencySummary;
}

// A TLS 1.3 CertificateVerify signs 64 spaces, a 33-byte context string, a zero byte and the
// transcript hash: 130 bytes with SHA-256.
const MESSAGE = randomBytes(130);

/**
 * crypto.sign / crypto.verify with SHA-256 on the serving keys, one call at a time on this
 * thread: the server signs once per full handshake, the client verifies that signature.
 * The first `warmupOps` calls are run, not recorded.
 */
export function signSteps(keys: { name: string; keyPem: string }[], warmupOps: number, durationMs: number): SignRow[] {
  const rows: SignRow[] = [];
  for (const { name, keyPem } of keys) {
    const privateKey = createPrivateKey(keyPem);
    const publicKey = createPublicKey(privateKey);
    const signature = sign('sha256', MESSAGE, privateKey);
    const operations = {
      sign: () => sign('sha256', MESSAGE, privateKey),
      verify: () => {
        if (!verify('sha256', MESSAGE, publicKey, signature)) throw new Error('signature did not verify');
      },
    };
    for (const [operation, run] of Object.entries(operations) as ['sign' | 'verify', () => unknown][]) {
      for (let i = 0; i < warmupOps; i++) run();
      const recorder = new LatencyRecorder();
      const start = performance.now();
      let total = 0;
      while (performance.now() - start < durationMs) {
        const began = performance.now();
        try {
          run();
          const took = performance.now() - began;
          recorder.record(took * 1000);
          total += took;
        } catch (error) {
          recorder.fail(error);
        }
      }
      rows.push({
        key: name,
        operation,
        opsPerSecond: recorder.samples.length / (total / 1000),
        micros: recorder.summary(),
      });
    }
  }
  return rows;
}
