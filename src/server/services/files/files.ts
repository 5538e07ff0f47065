import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../../db";
import { files } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { fileStore } from "../../files/file-store";
import { limitBytes } from "../../files/limit-bytes";
import { newId } from "../../ids";
import { type AuditActor, recordAudit } from "../../audit/record-audit";

export type FileInfo = { id: string; name: string; url: string; size: number; type: string };

export const fileUrl = (id: string) => `/api/v1/files/${id}`;

/** A type that is safe to state: `type/subtype` with plain characters, else a generic binary. */
function safeType(type: string | null): string {
  const bare = (type ?? "").split(";")[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(bare) ? bare : "application/octet-stream";
}

/**
 * Stores an upload (streamed, refused past `maxBytes`) and records it in the
 * workspace. The content is written first; if recording fails it is removed.
 */
export async function uploadFile(
  db: Db,
  params: { workspaceId: string; name: string; type: string | null; body: ReadableStream<Uint8Array> | null; maxBytes: number; actor: AuditActor },
): Promise<FileInfo> {
  if (!params.body) throw new AppError("BAD_REQUEST", "Send the file's content as the request body");
  const id = newId();
  const store = fileStore();
  let size = 0;
  const body = params.body;
  await store
    .put(id, (async function* () {
      for await (const chunk of limitBytes(body, params.maxBytes)) {
        size += chunk.byteLength;
        yield chunk;
      }
    })())
    .catch((error: unknown) => {
      throw error instanceof AppError ? error : new AppError("BAD_REQUEST", "The upload was interrupted; nothing was stored");
    });
  const record = { id, workspaceId: params.workspaceId, name: params.name, size, type: safeType(params.type), storageKey: id };
  try {
    await db.transaction(async (tx) => {
      await tx.insert(files).values({ ...record, createdBy: params.actor.userId });
      await recordAudit(tx, params.actor, {
        workspaceId: params.workspaceId,
        action: "file.upload",
        resourceType: "file",
        resourceId: id,
        after: { name: record.name, size, type: record.type },
      });
    });
  } catch (error) {
    await store.delete(id);
    throw error;
  }
  return { id, name: record.name, url: fileUrl(id), size, type: record.type };
}

export async function getFile(db: Db, fileId: string) {
  const [file] = await db.select().from(files).where(eq(files.id, fileId));
  if (!file) throw notFound("File");
  return file;
}
