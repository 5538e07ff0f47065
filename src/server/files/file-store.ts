import "server-only";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "../env";

/** Where attachment contents live. Keys are server-made ids, never user-typed names. */
export interface FileStore {
  /** Stores a stream; the transform may refuse it midway (too large), and nothing is kept then. */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  delete(key: string): Promise<void>;
}

export type FileStoreKind = "local";

/** The configured store. UploadThing (UPLOADTHING_TOKEN) is not wired yet: files go to the data directory. */
export function fileStore(kind: FileStoreKind = "local"): FileStore {
  switch (kind) {
    case "local":
      return localStore(path.resolve(env.TESSERA_DATA_DIR.startsWith("memory://") ? path.join(process.cwd(), ".data") : env.TESSERA_DATA_DIR, "files"));
    default: {
      const unknown: never = kind;
      throw new Error(`unknown file store ${String(unknown)}`);
    }
  }
}

function localStore(root: string): FileStore {
  const keyPattern = /^[a-z2-7]{16}$/;
  const pathOf = (key: string) => {
    if (!keyPattern.test(key)) throw new Error("invalid file key");
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    async put(key, body) {
      const file = pathOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await pipeline(Readable.from(body), createWriteStream(file));
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
    },
    async get(key) {
      const file = pathOf(key);
      const exists = await stat(file).then(() => true, () => false);
      return exists ? (Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>) : null;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
