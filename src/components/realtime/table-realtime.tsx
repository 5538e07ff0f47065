"use client";

import type { StorageUpdate } from "@liveblocks/client";
import { LiveblocksProvider, RoomProvider, useOthers, useRoom, useStatus, useUpdateMyPresence } from "@liveblocks/react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import { tableRoomId } from "@/lib/realtime/room-id";
import { arrivingPresence, type CellRef, type SharedPresence } from "@/lib/realtime/presence";
import type { TableEvent } from "@/lib/realtime/table-event";


/** Another person on the table. */
export type Collaborator = SharedPresence & { connectionId: number; name: string; color: string };

declare global {
  interface Liveblocks {
    Presence: SharedPresence;
    UserMeta: { id: string; info: { name: string; color: string } };
  }
}

type TableRealtime = {
  others: readonly Collaborator[];
  /** Shares this person's selected cell (null: none). */
  select: (cell: CellRef | null) => void;
  /** Shares the rest of where this person is (editing, card, record). */
  share: (patch: Partial<Omit<SharedPresence, "viewId">>) => void;
  /** Calls back for every change committed to the table after joining; returns the unsubscribe. */
  onEvent: (listener: (event: TableEvent) => void) => () => void;
  /** Changes arrive as events (connected to the room); false without realtime or while the connection is down. */
  live: boolean;
};

// Without Liveblocks: nobody else is shown and no event arrives; the grid refreshes on focus and on a timer instead.
const offline: TableRealtime = { others: [], select: () => undefined, share: () => undefined, onEvent: () => () => undefined, live: false };
const TableRealtimeContext = createContext<TableRealtime>(offline);
/** The room already joined above (the view page joins it for every view type; the grid also asks, standalone). */
const JoinedRoomContext = createContext<string | null>(null);

export const useTableRealtime = () => useContext(TableRealtimeContext);

// Inlined at build time; the server validates the same variable (src/server/env.ts).
const liveblocksUrl = process.env.NEXT_PUBLIC_LIVEBLOCKS_BASE_URL;

/** Joins the table's Liveblocks room, when realtime is configured. */
export function TableRealtimeProvider({ workspaceId, tableId, viewId, children }: { workspaceId: string; tableId: string; viewId: string; children: React.ReactNode }) {
  const roomId = tableRoomId(workspaceId, tableId);
  const joined = useContext(JoinedRoomContext);
  // Joining twice would show this person twice to everyone else.
  if (!liveblocksUrl || joined === roomId) return children;
  return (
    <LiveblocksProvider authEndpoint="/api/liveblocks-auth" baseUrl={liveblocksUrl}>
      <RoomProvider id={roomId} initialPresence={arrivingPresence(viewId)}>
        <JoinedRoomContext.Provider value={roomId}>
          <Connected viewId={viewId}>{children}</Connected>
        </JoinedRoomContext.Provider>
      </RoomProvider>
    </LiveblocksProvider>
  );
}

function Connected({ viewId, children }: { viewId: string; children: React.ReactNode }) {
  const room = useRoom();
  const updatePresence = useUpdateMyPresence();
  const people = useOthers();
  const live = useStatus() === "connected";
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

  useEffect(() => updatePresence({ viewId }), [updatePresence, viewId]);

  const others = useMemo(
    () =>
      people.map((p) => ({
        connectionId: p.connectionId,
        name: p.info.name,
        color: p.info.color,
        viewId: p.presence.viewId,
        cell: p.presence.cell ?? null,
        editing: p.presence.editing === true,
        card: p.presence.card ?? null,
        record: p.presence.record ?? null,
      })),
    [people],
  );
  const select = useCallback((cell: CellRef | null) => updatePresence({ cell }), [updatePresence]);
  const share = useCallback((patch: Partial<Omit<SharedPresence, "viewId">>) => updatePresence(patch), [updatePresence]);
  const onEvent = useCallback((listener: (event: TableEvent) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ others, select, share, onEvent, live }), [others, select, share, onEvent, live]);
  return <TableRealtimeContext.Provider value={value}>{children}</TableRealtimeContext.Provider>;
}
