import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { assertPortFree } from './port-free.js';

describe('assertPortFree', () => {
  it('passes for a free port and names the component for a taken one', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    await assert.rejects(
      assertPortFree(port, '127.0.0.1', 'scheduler'),
      new RegExp(`127\\.0\\.0\\.1:${port}, which the scheduler needs, is in use`),
    );
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    await assertPortFree(port, '127.0.0.1', 'scheduler');
  });
});
