import "server-only";
import { LiveblocksError, type Liveblocks } from "@liveblocks/node";
import { tableRoomId } from "@/lib/realtime/room-id";
import { boundedTableEvent } from "@/lib/realtime/table-event";
import { onTableChange, type TableChange } from "../events/table-changes";
import { liveblocks } from "./liveblocks";

/** Events kept in a room's storage: enough for a client to see each one as it arrives, small enough to read on every write. */
const keptEvents = 20;

/**
 * Writes the change into the table's room storage, where every connected
 * client sees it arrive. Storage rather than `broadcastEvent`: the local
 * Liveblocks dev server answers 501 to broadcast-event, and one path that the
 * tests exercise beats two. The event names what changed (row ids, field
 * ids, versions), never a value: clients read those rows again through the
 * rule-checked API.
 */
export async function broadcastTableChange(client: Liveblocks, change: TableChange): Promise<void> {
  const event = boundedTableEvent(change);
  // Time-ordered and unique: concurrent writers never overwrite each other's key, and pruning keeps the newest.
  const key = `${Date.now().toString(36).padStart(9, "0")}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    await client.mutateStorage(tableRoomId(change.workspaceId, change.tableId), ({ root }) => {
      root.set(key, event);
      const keys = [...root.keys()].sort();
      for (const old of keys.slice(0, Math.max(0, keys.length - keptEvents))) root.delete(old);
    });
  } catch (error) {
    // No room yet: nobody has opened the table, so nobody is waiting for the news.
    if (error instanceof LiveblocksError && error.status === 404) return;
    throw error;
  }
}

/** From server start: every committed change is written to its table's room, when realtime is configured. Returns the uninstall. */
export function installRealtimeBroadcast(client: Liveblocks | null = liveblocks()): () => void {
  if (!client) return () => undefined;
  return onTableChange((change) => {
    // Not awaited: a write's answer must not wait on Liveblocks. Failures are logged without the event (which has no values anyway).
    broadcastTableChange(client, change).catch((error: unknown) =>
      console.error("realtime broadcast failed", { tableId: change.tableId, error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
