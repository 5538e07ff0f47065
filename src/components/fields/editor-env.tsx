"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useMemo } from "react";
import { sendFile } from "@/components/uploads/send-file";
import { useTRPCClient } from "@/trpc/react";
import type { Attachment } from "./attachments";
import { rowLabel } from "./row-label";

export type Named = { id: string; name: string };
type ChoiceField = { id: string; options: unknown };

/**
 * What the field editors read and write beyond the cell itself: the
 * workspace's members, rows of linked tables, uploads, and new select
 * choices. A context, so the grid and the record dialog share one, and
 * component tests give fakes.
 */
export type EditorEnv = {
  members: () => Promise<Named[]>;
  /** Rows of a linked table whose text matches `search`, named by their primary value. */
  searchRows: (tableId: string, search: string) => Promise<Named[]>;
  upload: (file: File, onProgress: (fraction: number) => void) => Promise<Attachment>;
  /** Adds a choice to a select field; absent when the reader may not alter the table. */
  createChoice?: (field: ChoiceField, name: string) => Promise<void>;
};

const EditorEnvContext = createContext<EditorEnv | null>(null);
export const EditorEnvProvider = EditorEnvContext.Provider;

export function useEditorEnv(): EditorEnv {
  const env = useContext(EditorEnvContext);
  if (!env) throw new Error("useEditorEnv needs an EditorEnvProvider");
  return env;
}

const rowsOffered = 50;

/** The editors' environment over the tRPC API, for one table of a workspace. */
export function useTrpcEditorEnv({ workspaceId, tableId, canAlterTable }: { workspaceId: string; tableId: string; canAlterTable: boolean }): EditorEnv {
  const client = useTRPCClient();
  const router = useRouter();
  return useMemo(() => {
    let members: Promise<Named[]> | undefined;
    const primaries = new Map<string, Promise<string | null>>();
    const primaryOf = (linked: string) => {
      let found = primaries.get(linked);
      if (!found) {
        found = client.table.get.query({ tableId: linked }).then((t) => t.primaryFieldId);
        // A failure is not remembered: the next search asks again.
        found.catch(() => primaries.delete(linked));
        primaries.set(linked, found);
      }
      return found;
    };
    return {
      members: () => {
        members ??= client.member.list.query({ workspaceId }).then(({ members }) => members.map((m) => ({ id: m.userId, name: m.name })));
        members.catch(() => (members = undefined));
        return members;
      },
      async searchRows(linked, search) {
        const primaryFieldId = await primaryOf(linked);
        const page = await client.row.list.query({
          tableId: linked,
          fieldKey: "id",
          fields: primaryFieldId ? [primaryFieldId] : undefined,
          search: search.trim() === "" ? undefined : search.trim(),
          limit: rowsOffered,
        });
        return page.rows.map((row) => ({ id: row.id, name: rowLabel(row, primaryFieldId) }));
      },
      upload: (file, onProgress) =>
        sendFile<Attachment>(`/api/v1/files?${new URLSearchParams({ workspaceId, name: file.name })}`, file, {
          contentType: file.type || "application/octet-stream",
          onProgress,
        }),
      createChoice: canAlterTable
        ? async (field, name) => {
            const options = (field.options ?? {}) as { choices?: Array<{ name: string }> };
            await client.table.updateField.mutate({ tableId, fieldId: field.id, options: { ...options, choices: [...(options.choices ?? []), { name }] } });
            // The page reads the table's fields again, so the next editor lists the choice.
            router.refresh();
          }
        : undefined,
    };
  }, [client, router, workspaceId, tableId, canAlterTable]);
}
