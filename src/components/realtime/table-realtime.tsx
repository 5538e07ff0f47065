"use client";

import type { StorageUpdate } from "@liveblocks/client";
import { LiveblocksProvider, RoomProvider, useOthers, useRoom, useUpdateMyPresence } from "@liveblocks/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import { tableRoomId } from "@/lib/realtime/room-id";
import type { TableEvent } from "@/lib/realtime/table-event";

export type CellRef = { rowId: string; fieldId: string };
/** Another person on the table: where they are and which cell they have selected. */
export type Collaborator = { connectionId: number; name: string; color: string; viewId: string; cell: CellRef | null };

declare global {
  interface Liveblocks {
    Presence: { viewId: string; cell: CellRef | null };
    UserMeta: { id: string; info: { name: string; color: string } };
  }
}

type TableRealtime = {
  others: readonly Collaborator[];
  /** Shares this person's selected cell (null: none). */
  select: (cell: CellRef | null) => void;
  /** Calls back for every change committed to the table after joining; returns the unsubscribe. */
  onEvent: (listener: (event: TableEvent) => void) => () => void;
};

// Without Liveblocks: nobody else is shown and no event arrives; the grid refreshes on focus and on a timer instead.
const offline: TableRealtime = { others: [], select: () => undefined, onEvent: () => () => undefined };
const TableRealtimeContext = createContext<TableRealtime>(offline);

export const useTableRealtime = () => useContext(TableRealtimeContext);

// Inlined at build time; the server validates the same variable (src/server/env.ts).
const liveblocksUrl = process.env.NEXT_PUBLIC_LIVEBLOCKS_BASE_URL;

/** Joins the table's Liveblocks room, when realtime is configured. */
export function TableRealtimeProvider({ workspaceId, tableId, viewId, children }: { workspaceId: string; tableId: string; viewId: string; children: React.ReactNode }) {
  if (!liveblocksUrl) return children;
  return (
    <LiveblocksProvider authEndpoint="/api/liveblocks-auth" baseUrl={liveblocksUrl}>
      <RoomProvider id={tableRoomId(workspaceId, tableId)} initialPresence={{ viewId, cell: null }}>
        <Connected>{children}</Connected>
      </RoomProvider>
    </LiveblocksProvider>
  );
}

function Connected({ children }: { children: React.ReactNode }) {
  const room = useRoom();
  const updatePresence = useUpdateMyPresence();
  const people = useOthers();
  const listeners = useRef(new Set<(event: TableEvent) => void>());

  useEffect(() => {
    // The server writes each change as a new key of the room's storage (see src/server/realtime/broadcast-table-change.ts);
    // keys present when we join are old news.
    let live = true;
    let unsubscribe: (() => void) | undefined;
    const tell = (event: TableEvent) => listeners.current.forEach((listener) => listener(event));
    void room.getStorage().then(({ root }) => {
      if (!live) return;
      unsubscribe = room.subscribe(
        root,
        (updates: StorageUpdate[]) => {
          for (const update of updates) {
            if (update.type !== "LiveObject" || update.node !== root) continue;
            for (const [key, change] of Object.entries(update.updates)) {
              if (change?.type === "update") tell(root.get(key) as TableEvent);
            }
          }
        },
        { isDeep: true },
      );
    });
    // Back after a lost connection: changes may have been missed, so everything is read again.
    const offStatus = room.events.lostConnection.subscribe((state) => {
      if (state === "restored") tell({ kind: "table" });
    });
    return () => {
      live = false;
      unsubscribe?.();
      offStatus();
    };
  }, [room]);

  const others = useMemo(
    () => people.map((p) => ({ connectionId: p.connectionId, name: p.info.name, color: p.info.color, viewId: p.presence.viewId, cell: p.presence.cell })),
    [people],
  );
  const select = useCallback((cell: CellRef | null) => updatePresence({ cell }), [updatePresence]);
  const onEvent = useCallback((listener: (event: TableEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ others, select, onEvent }), [others, select, onEvent]);
  return <TableRealtimeContext.Provider value={value}>{children}</TableRealtimeContext.Provider>;
}
