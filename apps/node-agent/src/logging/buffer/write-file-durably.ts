import { open, rename } from 'node:fs/promises';

/** Writes `text` to a temporary name, fsyncs and renames it over `path`: a crash leaves the old or the new file, never a torn one. */
export async function writeFileDurably(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
}
