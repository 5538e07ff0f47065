"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { FilterNode, SortSpec } from "@/lib/query/plan";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";

export type ViewSettings = {
  filter: FilterNode | undefined;
  sort: SortSpec;
  groupBy: string[];
  hiddenFields: string[];
  config: Record<string, unknown>;
};

export type SaveState = { kind: "idle" | "saving" | "saved" | "local" } | { kind: "error"; message: string };

/** Changes typed in quick succession (a filter's value) are saved once. */
const SAVE_DELAY_MS = 500;

/**
 * A view's filter, sorts, hidden fields and layout as the person changes
 * them: applied at once, and saved to the view (debounced, the latest
 * settings winning) for those who may change it; for the others they stay in
 * this page only, as Airtable does for read-only collaborators.
 */
export function useViewSettings(viewId: string, initial: ViewSettings, canSave: boolean) {
  const client = useTRPCClient();
  const [settings, setSettings] = useState(initial);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const latest = useRef(settings);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = useCallback(async () => {
    const { filter, sort, groupBy, hiddenFields, config } = latest.current;
    setSaveState({ kind: "saving" });
    try {
      await client.view.update.mutate({ viewId, filter: (filter ?? null) as never, sort, groupBy, hiddenFields, config });
      setSaveState({ kind: "saved" });
    } catch (error) {
      setSaveState({ kind: "error", message: clientError(error).message });
    }
  }, [client, viewId]);

  const change = useCallback(
    (patch: Partial<ViewSettings>) => {
      const next = { ...latest.current, ...patch, config: patch.config ? { ...latest.current.config, ...patch.config } : latest.current.config };
      latest.current = next;
      setSettings(next);
      if (!canSave) return setSaveState({ kind: "local" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void save();
      }, SAVE_DELAY_MS);
    },
    [canSave, save],
  );

  // Leaving the page with a save still waiting: send it now rather than lose it.
  useEffect(
    () => () => {
      if (timer.current === undefined) return;
      clearTimeout(timer.current);
      void save();
    },
    [save],
  );

  return { settings, change, saveState };
}
