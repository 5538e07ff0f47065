"use client";

import { useEffect, useRef } from "react";
import { useTableRealtime } from "./table-realtime";

/** Without realtime: how often an open view reads its rows again ("every few seconds"). */
export const OFFLINE_REFRESH_MS = 5_000;

/** The latest callbacks, so a new closure each render neither resubscribes nor restarts a timer. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/**
 * `refresh` on focus, and, when no change can arrive as an event (realtime not
 * configured, or its connection down), every few seconds while the tab is
 * visible. Focus even when live: an event names the rows a write touched, and
 * a row that a row rule now lets this reader see is not one it holds. `held`
 * says the view is mid-write (an optimistic move, an edit) and must not be
 * read over; the next tick catches up.
 */
export function useOfflineRefresh(refresh: () => void, held: () => boolean = () => false) {
  const { live } = useTableRealtime();
  const latest = useLatest({ refresh, held });
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === "visible" && !latest.current.held()) latest.current.refresh();
    };
    const timer = live ? undefined : setInterval(tick, OFFLINE_REFRESH_MS);
    window.addEventListener("focus", tick);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", tick);
    };
  }, [live, latest]);
}

/**
 * `refresh` whenever the table may have changed under an open view: on each
 * change realtime announces, else as `useOfflineRefresh` does. For the views
 * that read their rows whole through React Query (kanban, calendar,
 * timeline, gallery); the grid applies row events to its pages itself.
 */
export function useTableRefresh(refresh: () => void, held: () => boolean = () => false) {
  const { onEvent } = useTableRealtime();
  const latest = useLatest({ refresh, held });
  useEffect(() => onEvent(() => !latest.current.held() && latest.current.refresh()), [onEvent, latest]);
  useOfflineRefresh(refresh, held);
}
