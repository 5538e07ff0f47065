import "server-only";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../../errors";
import { limitBytes } from "../../files/limit-bytes";

export type Spooled = { file: string; bytes: number; remove: () => Promise<void> };

/**
 * Writes an upload to a private temporary file, refusing it past `maxBytes`.
 * Nothing is imported until the whole body has arrived, so a client that
 * disconnects midway leaves nothing behind.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Spooled> {
  if (!body) throw new AppError("BAD_REQUEST", "The request has no body; send the CSV file as the body");
  const dir = await mkdtemp(path.join(tmpdir(), "tessera-import-"));
  const file = path.join(dir, "upload.csv");
  const remove = () => rm(dir, { recursive: true, force: true });
  let bytes = 0;
  try {
    await pipeline(
      Readable.from(limitBytes(body, maxBytes)),
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          bytes += chunk.byteLength;
          yield chunk;
        }
      },
      createWriteStream(file),
    );
  } catch (error) {
    await remove();
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "The upload was interrupted; nothing was imported");
  }
  return { file, bytes, remove };
}
