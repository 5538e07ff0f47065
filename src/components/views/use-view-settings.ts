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
  // Only what changed is sent, so a setting changed elsewhere meanwhile (the timeline's grouping) is not written back.
  const dirty = useRef(new Set<keyof ViewSettings>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = useCallback(async () => {
    const { filter, sort, groupBy, hiddenFields, config } = latest.current;
    const changed = dirty.current;
    dirty.current = new Set();
    setSaveState({ kind: "saving" });
    try {
      await client.view.update.mutate({
        viewId,
        ...(changed.has("filter") && { filter: (filter ?? null) as never }),
        ...(changed.has("sort") && { sort }),
        ...(changed.has("groupBy") && { groupBy }),
        ...(changed.has("hiddenFields") && { hiddenFields }),
        ...(changed.has("config") && { config }),
      });
      setSaveState({ kind: "saved" });
    } catch (error) {
      // Not saved: the next change sends these again.
      for (const key of changed) dirty.current.add(key);
      setSaveState({ kind: "error", message: clientError(error).message });
    }
  }, [client, viewId]);

  const change = useCallback(
    (patch: Partial<ViewSettings>) => {
      const next = { ...latest.current, ...patch, config: patch.config ? { ...latest.current.config, ...patch.config } : latest.current.config };
      latest.current = next;
      for (const key of Object.keys(patch) as Array<keyof ViewSettings>) dirty.current.add(key);
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
