import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileDurably } from '../buffer/write-file-durably.js';
import type { TailPosition } from './tail-position.js';

type Positions = Record<string, TailPosition>;

/**
 * Fluentd's pos_file: for each followed path, the file (inode + fingerprint) and the byte to
 * resume at, written durably (a crash leaves the previous or the new positions, never a torn file).
 */
export class PositionFile {
  constructor(private readonly path: string) {}

  async load(): Promise<Positions> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed = JSON.parse(text) as { files?: Positions };
    return parsed.files ?? {};
  }

  async save(positions: Positions): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileDurably(this.path, JSON.stringify({ files: positions }));
  }
}
