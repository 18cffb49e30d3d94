import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join, basename } from "node:path";

/**
 * Writes a file so that readers see either its old or its new content: the data goes to a temp
 * file in the same directory, is flushed to disk, then renamed over the target. `mode` is the
 * new file's permission bits (default owner-only; an edited config keeps the mode it had).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(16)}.tmp`);
  try {
    const handle = await open(temp, "w", mode);
    try {
      if (mode !== 0o600) await handle.chmod(mode); // open's mode is filtered by the umask
      await handle.writeFile(data);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
