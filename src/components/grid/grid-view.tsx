"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { DndContext, type DragEndEvent, PointerSensor, useSensor, useSensors } from "@dnd-kit/core";
import { EditorEnvProvider, useTrpcEditorEnv } from "@/components/fields/editor-env";
import { isFieldType } from "@/components/fields/field-type-catalog";
import { rowLabel } from "@/components/fields/row-label";
import { PresenceAvatars } from "@/components/realtime/presence-avatars";
import { type Collaborator, TableRealtimeProvider, useTableRealtime } from "@/components/realtime/table-realtime";
import { useOfflineRefresh } from "@/components/realtime/use-table-refresh";
import { RecordDialog } from "@/components/record/record-dialog";
import { can } from "@/lib/permissions";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import type { FilterNode } from "@/lib/query/plan";
import type { Role } from "@/lib/roles";
import { inViewOrder } from "@/lib/views/field-order";
import { useTRPCClient } from "@/trpc/react";
import { CellEditor } from "./cell-editor";
import { copyText, editorKind, emptyValue, type GridField, sameValue, valueFromCellText, writableInGrid } from "./cell-values";
import { ConflictDialog, type Conflict } from "./conflict-dialog";
import { type CellPos, type Direction, gridKey, type Selection, selectionRect, single, step, tabStep } from "./grid-keys";
import { type GroupSummary, groupLayout, ungrouped } from "./group-layout";
import { GRID_PAGE_SIZE, gridColumns, gridSort } from "./grid-read";
import { type CachedRow, PageCache, type PageData } from "./page-cache";
import { filterFieldIds, type LiveView, mergeFetchedRows, planTableEvent } from "./live-rows";
import { scaledLayout, scaledScrollOptions, useScrollHeightCap } from "./scaled-scroll";
import { formatTsv, parseTsv } from "./tsv";
import { clientError } from "@/trpc/client-error";
import { CellDisplay, type CellHandlers, GUTTER_WIDTH, GridRow, GroupHeaderRow, type RowHeight, rowHeights } from "./grid-row";
import { type ColumnAction, HeaderCell } from "./header-cell";

const HEADER_HEIGHT = 36;
const initialScreen = { width: 1280, height: 720 };
/** A card's height in the narrow-screen list: its title and three fields. */
const CARD_HEIGHT = 112;
/** Fields a card shows after its title. */
const CARD_FIELDS = 3;
const DEFAULT_WIDTH = 180;
const PRIMARY_WIDTH = 220;
const MIN_WIDTH = 60;
/** The types a group's header sums under their columns. */
const summable = new Set(["number", "currency", "percent", "duration"]);
/** Rows one request writes or creates at most (the API's limit). */
const CHUNK = 1000;

/** `mounted`: the rows live in an external database, read in its key's order (new rows may land anywhere). */
export type GridTable = { id: string; name: string; primaryFieldId: string | null; fields: GridField[]; mounted?: boolean };
export type GridViewConfig = {
  id: string;
  name: string;
  filter: unknown;
  sort: Array<{ field: string; dir: "asc" | "desc" }>;
  /** Rows are grouped by the first field (the grid groups one level). */
  groupBy?: string[];
  hiddenFields: string[];
  config: Record<string, unknown> & { widths?: Record<string, number>; fieldOrder?: string[]; rowHeight?: RowHeight };
};


type GridViewProps = {
  table: GridTable;
  view: GridViewConfig;
  canWrite: boolean;
  workspaceId: string;
  /** The reader's role: whether select editors may create choices, and the record dialog shows history. */
  role: Role;
  /** Rows are narrowed to those matching it, and its hits are marked. */
  search?: string;
  /** Saves a change to the view's layout (column widths and order). */
  onConfigChange?: (patch: Record<string, unknown>) => void;
  /** A column header's menu: sort by it, hide it, edit the table's fields (absent: no menu). */
  onColumnAction?: (fieldId: string, action: ColumnAction) => void;
  /** Whether the menu offers "Edit field" (the reader may alter the table). */
  canEditFields?: boolean;
  /** On a narrow screen the rows are cards, each opening its record to edit. */
  asCards?: boolean;
  /** The first page of rows as the server read it for the view's saved settings (see grid-read.ts). */
  firstPage?: PageData<CachedRow>;
  /** Changed by the screen after it added rows itself (an import): the rows and the count are read again. */
  rowsChanged?: number;
};

/** One cell's write: `expected` is what the cell showed (the server compares it), `value` what replaces it. */
export type CellChange = { rowId: string; fieldId: string; value: unknown; expected: unknown };
/** A write refused: what `write` reports to a caller that shows refusals itself (the record dialog). */
export type WriteFailure = { kind: "conflict"; conflict: Conflict } | { kind: "error"; message: string };
type UndoEntry = { cells: CellChange[]; created?: string[] };
type Notice = { kind: "info" | "error"; text: string };
type Editing = { row: number; col: number; initial?: string };

/** The view's fields as columns: the primary first, then the view's order, hidden ones left out. */
function describeValue(field: GridField, value: unknown): string {
  const text = copyText(field, value);
  return text === "" ? "(empty)" : `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`;
}

/**
 * A view's rows as a spreadsheet: virtualised rows and columns over pages
 * fetched as they scroll into sight, edited by keyboard or mouse, with
 * compare-and-set writes, conflicts shown, copy/paste as TSV and undo.
 */
export function GridView(props: GridViewProps) {
  if (gridColumns(props.table, props.view).length === 0) {
    return <p className="text-sm text-muted-foreground">This view shows no fields.</p>;
  }
  return (
    <TableRealtimeProvider workspaceId={props.workspaceId} tableId={props.table.id} viewId={props.view.id}>
      <Grid {...props} />
    </TableRealtimeProvider>
  );
}

function Grid({ table, view, canWrite, workspaceId, role, search = "", onConfigChange, onColumnAction, canEditFields = false, asCards = false, firstPage, rowsChanged = 0 }: GridViewProps) {
  const client = useTRPCClient();
  const editorEnv = useTrpcEditorEnv({ workspaceId, tableId: table.id, canAlterTable: can(role, "table.alter") });
  const gridId = useId();
  const columns = useMemo(() => gridColumns(table, view), [table, view]);
  const columnIds = useMemo(() => columns.map((c) => c.id), [columns]);
  const cache = useMemo(() => {
    const pages = new PageCache<CachedRow>(GRID_PAGE_SIZE, 60);
    // Rendered with the page on the server: the first rows are in its HTML, before any script runs.
    if (firstPage) pages.store(0, firstPage, pages.generation);
    return pages;
    // The first page is for the first render only: later pages come from the cache's own reads.
  }, []);
  useSyncExternalStore(cache.subscribe, cache.getVersion, cache.getVersion);

  const [selection, setSelection] = useState<Selection>(single({ row: 0, col: 0 }));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  /** The row open in the record dialog. */
  const [expanded, setExpanded] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const [widths, setWidths] = useState<Record<string, number>>(() => ({ ...(view.config.widths ?? {}) }));
  const undoStack = useRef<UndoEntry[]>([]);
  /** Writes on their way: a refresh waits for them, so it cannot show a cell's old value over the new one. */
  const pendingWrites = useRef(0);
  const dragging = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = asCards ? CARD_HEIGHT : rowHeights[view.config.rowHeight ?? "short"];
  const headerHeight = asCards ? 0 : HEADER_HEIGHT;

  const widthOf = useCallback((field: GridField) => widths[field.id] ?? (field.id === table.primaryFieldId ? PRIMARY_WIDTH : DEFAULT_WIDTH), [widths, table.primaryFieldId]);
  const primary = columns[0]!;
  // Memoised: the columns' layout is memoised on it, and a new layout at each render re-rendered every row at every scroll step.
  const others = useMemo(() => columns.slice(1), [columns]);
  const frozenWidth = GUTTER_WIDTH + widthOf(primary);
  const rowCount = cache.rowCount();

  // ---- Groups ----------------------------------------------------------------

  const groupField = table.fields.find((f) => f.id === view.groupBy?.[0]);
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  const [collapsedGroups, setCollapsedGroups] = useState<ReadonlySet<string>>(() => new Set());
  const groupKeyOf = useCallback((group: GroupSummary) => JSON.stringify(group.key), []);
  const lines = useMemo(
    () => (groupField && groups && !asCards ? groupLayout(groups, (g) => collapsedGroups.has(groupKeyOf(groups[g]!))) : ungrouped(rowCount)),
    [groupField, groups, asCards, collapsedGroups, groupKeyOf, rowCount],
  );
  // Sums shown in a group's header, under each number column on screen.
  const summed = useMemo(() => columns.filter((c) => summable.has(c.type)), [columns]);
  const readSort = useMemo(() => gridSort(table, view), [table, view]);
  /** The groups, their counts and sums; their counts add up to the rows' (so a grouped grid is not also counted apart). */
  const loadGroups = useCallback(async () => {
    if (!groupField) return setGroups(null);
    const generation = cache.generation;
    try {
      const answer = await client.row.aggregate.query({
        tableId: table.id,
        fieldKey: "id",
        filter: (view.filter ?? undefined) as never,
        search: search.trim() === "" ? undefined : search,
        groupBy: [groupField.id],
        aggregates: [{ fn: "count", as: "count" }, ...summed.map((c) => ({ fn: "sum" as const, field: c.id, as: c.id }))],
      });
      const loaded = answer.groups.map((g) => ({ key: (g.key as Record<string, unknown>)[groupField.id] ?? null, count: Number(g.values.count ?? 0), values: g.values }));
      setGroups(loaded);
      cache.storeCount(loaded.reduce((sum, g) => sum + g.count, 0), generation);
    } catch (error) {
      setNotice({ kind: "error", text: `Groups could not be counted: ${clientError(error).message}` });
      throw error;
    }
  }, [cache, client, table.id, view.filter, search, groupField, summed]);

  const scaledScroll = useMemo(scaledScrollOptions, []);
  const scrollCap = useScrollHeightCap();
  // As scaledLayout decides (every line is rowHeight tall).
  const scaledRows = headerHeight + lines.size * rowHeight > scrollCap;
  const rows = useVirtualizer({
    ...scaledScroll.options,
    count: lines.size,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Few rows beyond the screen, rendered in React's own time rather than synchronously inside each scroll event
    // (a fast fling may show a blank strip for a frame): each shortened the frames of a fast scroll (README, "Benchmarks").
    // Not when the scroll space is scaled: its rows' layer must move in the same frame as the scroll, or they jump.
    overscan: 3,
    useFlushSync: scaledRows,
    // Before the grid is measured (on the server, and in the first render that hydrates it): a common screen's worth.
    initialRect: initialScreen,
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: others.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => widthOf(others[i]!),
    overscan: 3,
    initialRect: initialScreen,
    scrollMargin: frozenWidth,
    scrollPaddingStart: frozenWidth,
  });
  useEffect(() => cols.measure(), [widths, cols]);
  useEffect(() => rows.measure(), [rowHeight, rows, lines]);

  const virtualRows = rows.getVirtualItems();
  scaledScroll.attach(rows);
  const rowsLayout = scaledLayout(rows, scrollCap);
  const virtualCols = cols.getVirtualItems();
  const totalWidth = frozenWidth + cols.getTotalSize();
  // The viewport as the virtualiser measured it: reading the element's clientHeight while rendering could force a layout.
  const pageRows = Math.max(1, Math.floor(((rows.scrollRect?.height ?? 600) - headerHeight) / rowHeight) - 1);
  const dims = { rowCount, colCount: columns.length, pageRows };

  // ---- Reading pages -------------------------------------------------------

  const loadPage = useCallback(
    async (page: number) => {
      const generation = cache.generation;
      const at = cache.request(page);
      cache.begin(page);
      try {
        const data = await client.row.list.query({
          tableId: table.id,
          fieldKey: "id",
          filter: (view.filter ?? undefined) as never,
          sort: readSort.length > 0 ? readSort : undefined,
          fields: columnIds,
          search: search.trim() === "" ? undefined : search,
          limit: GRID_PAGE_SIZE,
          ...at,
        });
        cache.store(page, data as { rows: CachedRow[]; nextCursor: string | null; total?: number }, generation);
      } catch (error) {
        cache.fail(page, generation);
        setNotice({ kind: "error", text: `Rows could not be loaded: ${clientError(error).message}` });
      }
    },
    [cache, client, table.id, view.filter, readSort, columnIds, search],
  );

  // The count, read beside the pages (see PageCache.needsCount), with the same filter and search; grouped, the groups give it.
  const countingFor = useRef(-1);
  useEffect(() => {
    if (!cache.needsCount() || countingFor.current === cache.generation) return;
    const generation = cache.generation;
    countingFor.current = generation;
    const counted = groupField
      ? loadGroups()
      : client.row.aggregate
          .query({
            tableId: table.id,
            filter: (view.filter ?? undefined) as never,
            search: search.trim() === "" ? undefined : search,
            aggregates: [{ fn: "count", as: "count" }],
          })
          .then((answer) => cache.storeCount(Number(answer.groups[0]?.values.count ?? 0), generation))
          .catch((error: unknown) => {
            setNotice({ kind: "error", text: `Rows could not be counted: ${clientError(error).message}` });
            throw error;
          });
    counted.catch(() => (countingFor.current = -1));
  }, [cache, cache.version, client, table.id, view.filter, search, groupField, loadGroups]);

  // Another filter, sort, search or set of columns: the rows are read again from the top.
  const readKey = JSON.stringify([view.filter, readSort, search, columnIds]);
  const lastReadKey = useRef(readKey);
  useEffect(() => {
    if (lastReadKey.current === readKey) return;
    lastReadKey.current = readKey;
    cache.reset();
    setEditing(null);
    setSelection(single({ row: 0, col: 0 }));
    scrollRef.current?.scrollTo({ top: 0 });
  }, [cache, readKey]);

  // The rows on screen (lines are rows or group headers).
  const onScreen = lines.rowsOnLines(virtualRows[0]?.index ?? 0, virtualRows.at(-1)?.index ?? 0);
  const firstVisible = onScreen.first;
  const lastVisible = Math.max(onScreen.first, onScreen.last);
  useEffect(() => {
    // Pages for what is on screen, once scrolling pauses for a moment: a fling across a million rows asks for the rows it stops at.
    const timer = setTimeout(() => {
      for (const page of cache.missing(firstVisible, Math.max(lastVisible, firstVisible + GRID_PAGE_SIZE - 1)).slice(0, 4)) void loadPage(page);
    }, 40);
    return () => clearTimeout(timer);
  }, [cache, firstVisible, lastVisible, loadPage, cache.version]);

  /** Waits for the pages of rows `from..to`, loading those missing (pastes and copies beyond the screen). */
  const ensureRows = useCallback(
    async (from: number, to: number) => {
      for (let tries = 0; tries < 3; tries++) {
        const missing = cache.missing(from, to);
        const loading = [];
        for (let p = cache.pageOf(from); p <= cache.pageOf(to); p++) if (cache.isLoading(p)) loading.push(p);
        if (missing.length === 0 && loading.length === 0) return;
        // In order, so each page after the first follows the previous one's cursor.
        for (const page of missing) await loadPage(page);
        if (loading.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    [cache, loadPage],
  );

  // Others' changes arrive as realtime events naming rows (see live-rows.ts): the rows named are read again
  // through the API, with this reader's field and row rules; without realtime, everything is read again when
  // the tab regains focus and every half minute.
  const editingNow = editing !== null || expanded !== null;
  const { others: collaborators, select: shareSelection, share: sharePresence, onEvent } = useTableRealtime();
  const router = useRouter();
  const liveView = useMemo((): LiveView => {
    const idOf = (ref: string) => table.fields.find((f) => f.id === ref || f.name === ref)?.id ?? ref;
    const placing = new Set([
      ...filterFieldIds(view.filter as FilterNode | null, idOf),
      ...readSort.map((s) => idOf(s.field)),
      ...(groupField ? [groupField.id, ...summed.map((c) => c.id)] : []),
    ]);
    const computed = new Set(table.fields.filter((f) => !isFieldType(f.type) || fieldTypeDefinition(f.type)?.readOnly).map((f) => f.id));
    const searching = search.trim() !== "";
    return { placing, computed, searching, grouped: Boolean(groupField), appendsAtEnd: !table.mounted && !searching && placing.size === 0 };
  }, [table, view.filter, readSort, groupField, summed, search]);
  /** Cells with a write of ours on its way ("rowId:fieldId" → writes): a realtime read must not put the old value back over them. */
  const pendingCells = useRef(new Map<string, number>());
  // Read on every event, without making the event listener depend on the edit's state.
  const editingRef = useRef({ editing, expanded });
  editingRef.current = { editing, expanded };
  const keepCell = useCallback(
    (rowId: string, fieldId: string) => {
      const { editing, expanded } = editingRef.current;
      if (expanded === rowId || pendingCells.current.has(`${rowId}:${fieldId}`)) return true;
      return editing !== null && cache.row(editing.row)?.id === rowId && columns[editing.col]?.id === fieldId;
    },
    [cache, columns],
  );
  // What waits for an edit to end (or a write of ours to land): reading pages again would change the value
  // the edit's compare-and-set compares with, hiding a conflict, and taking rows out would move the row
  // being edited. Rows fetched meanwhile that kept an edited cell are read again after.
  const unapplied = useRef({ reread: null as number | null, meta: false, remove: new Set<string>(), refetch: new Set<string>() });
  const fetchRows = useCallback(
    async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += CHUNK) {
        const asked = ids.slice(i, i + CHUNK);
        try {
          const answer = await client.row.byIds.query({ tableId: table.id, fieldKey: "id", ids: asked });
          const { gone, held } = mergeFetchedRows(cache, asked, answer.rows as CachedRow[], keepCell);
          for (const id of gone) unapplied.current.remove.add(id);
          for (const id of held) unapplied.current.refetch.add(id);
        } catch {
          // Could not read them: read everything again instead, once nothing is being edited.
          unapplied.current.reread = 0;
        }
      }
    },
    [cache, client, table.id, keepCell],
  );
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const apply = () => {
      clearTimeout(retry);
      if (editingRef.current.editing !== null || editingRef.current.expanded !== null) return;
      // A write of ours is on its way: reading now could show a cell's old value over the new one.
      if (pendingWrites.current > 0) return void (retry = setTimeout(apply, 200));
      const { reread, meta, remove, refetch } = unapplied.current;
      unapplied.current = { reread: null, meta: false, remove: new Set(), refetch: new Set() };
      // New or changed fields and views come with the page's table metadata.
      if (meta) router.refresh();
      for (const id of remove) cache.removeRow(id);
      if (reread !== null) cache.invalidate(reread);
      else if (refetch.size > 0) void fetchRows([...refetch]).then(apply);
    };
    if (!editingNow) apply();
    const off = onEvent((event) => {
      const plan = planTableEvent(cache, event, liveView);
      const waiting = unapplied.current;
      if (event.kind !== "rows") waiting.meta = true;
      if (plan.reread !== null) waiting.reread = Math.min(plan.reread, waiting.reread ?? plan.reread);
      for (const id of plan.remove) waiting.remove.add(id);
      // Changed cells are merged at once, each edited or pending cell keeping its value.
      if (plan.fetch.length > 0) void fetchRows(plan.fetch).then(apply);
      apply();
    });
    return () => {
      off();
      clearTimeout(retry);
    };
  }, [cache, editingNow, onEvent, router, liveView, fetchRows]);
  const seenRowsChanged = useRef(rowsChanged);
  useEffect(() => {
    if (seenRowsChanged.current === rowsChanged) return;
    seenRowsChanged.current = rowsChanged;
    cache.invalidate();
  }, [cache, rowsChanged]);
  useOfflineRefresh(
    () => cache.invalidate(),
    () => editingNow || pendingWrites.current > 0,
  );

  // ---- Writing -------------------------------------------------------------

  const setCell = useCallback(
    (rowId: string, fieldId: string, value: unknown) => cache.updateRow(rowId, (row) => ({ ...row, fields: { ...row.fields, [fieldId]: value } })),
    [cache],
  );

  /**
   * Writes cells with compare-and-set, showing them at once. A refusal puts
   * the cells back and says so, naming the values that were not saved; a
   * conflict shows the other value and lets the person choose.
   */
  const write = useCallback(
    async (changes: CellChange[], { record = true, onFailure }: { record?: boolean; onFailure?: (failure: WriteFailure) => void } = {}): Promise<boolean> => {
      if (changes.length === 0) return true;
      for (const change of changes) setCell(change.rowId, change.fieldId, change.value);
      const byRow = new Map<string, { id: string; fields: Record<string, unknown>; expected: Record<string, unknown> }>();
      for (const change of changes) {
        const entry = byRow.get(change.rowId) ?? { id: change.rowId, fields: {}, expected: {} };
        entry.fields[change.fieldId] = change.value;
        entry.expected[change.fieldId] = change.expected ?? null;
        byRow.set(change.rowId, entry);
      }
      const updates = [...byRow.values()];
      const cells = changes.map((c) => `${c.rowId}:${c.fieldId}`);
      pendingWrites.current += 1;
      for (const cell of cells) pendingCells.current.set(cell, (pendingCells.current.get(cell) ?? 0) + 1);
      try {
        for (let i = 0; i < updates.length; i += CHUNK) {
          const answer = await client.row.update.mutate({ tableId: table.id, fieldKey: "id", rows: updates.slice(i, i + CHUNK) });
          for (const row of answer.rows as CachedRow[]) cache.updateRow(row.id, (old) => ({ ...old, version: row.version, fields: { ...old.fields, ...row.fields } }));
        }
        if (record) undoStack.current.push({ cells: changes });
        // A row whose group changed belongs elsewhere: the rows and the groups are read again.
        if (groupField && changes.some((c) => c.fieldId === groupField.id)) {
          cache.reset({ keepTotal: true });
          void loadGroups();
        }
        return true;
      } catch (error) {
        const { code, message, details } = clientError(error);
        const current = code === "CONFLICT" ? ((details as { rows?: CachedRow[] } | undefined)?.rows ?? []) : [];
        const theirs = new Map(current.map((row) => [row.id, row]));
        // Nothing of the request was written: every cell goes back, to the newer value where there is one.
        for (const change of changes) {
          const now = cache.row(cache.indexOf(change.rowId))?.fields[change.fieldId];
          if (!sameValue(now, change.value)) continue;
          const newer = theirs.get(change.rowId);
          setCell(change.rowId, change.fieldId, newer && change.fieldId in newer.fields ? newer.fields[change.fieldId] : change.expected);
        }
        if (code === "CONFLICT") {
          const conflict = {
            changes: changes.map((change) => {
              const newer = theirs.get(change.rowId);
              return { ...change, theirs: newer && change.fieldId in newer.fields ? newer.fields[change.fieldId] : change.expected };
            }),
            record,
          };
          if (onFailure) onFailure({ kind: "conflict", conflict });
          else setConflict(conflict);
        } else if (onFailure) onFailure({ kind: "error", message });
        else {
          const fieldById = new Map(columns.map((c) => [c.id, c]));
          const lost = changes
            .slice(0, 3)
            .map((c) => `${fieldById.get(c.fieldId)?.name ?? "a field"} ${describeValue(fieldById.get(c.fieldId)!, c.value)}`)
            .join(", ");
          setNotice({ kind: "error", text: `Not saved (${message}). Put back: ${lost}${changes.length > 3 ? ` and ${changes.length - 3} more` : ""}.` });
        }
        return false;
      } finally {
        pendingWrites.current -= 1;
        for (const cell of cells) {
          const left = (pendingCells.current.get(cell) ?? 1) - 1;
          if (left > 0) pendingCells.current.set(cell, left);
          else pendingCells.current.delete(cell);
        }
      }
    },
    [cache, client, columns, setCell, table.id],
  );

  const cellAt = (pos: CellPos) => {
    const row = cache.row(pos.row);
    const field = columns[pos.col];
    return { row, field, value: row && field ? (row.fields[field.id] ?? null) : undefined };
  };

  // ---- Moving, editing -----------------------------------------------------

  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true });

  const scrollToCell = useCallback(
    (pos: CellPos) => {
      const line = lines.lineOfRow(pos.row);
      if (line < 0 && groups) {
        // Into a collapsed group: it opens (the scroll follows once it is laid out).
        const group = groups[lines.groupOfRow(pos.row)];
        if (group) setCollapsedGroups((old) => new Set([...old].filter((k) => k !== groupKeyOf(group))));
      } else rows.scrollToIndex(line, { align: "auto" });
      if (pos.col > 0) cols.scrollToIndex(pos.col - 1, { align: "auto" });
    },
    [rows, cols, lines, groups, groupKeyOf],
  );

  const select = useCallback(
    (next: Selection) => {
      setSelection(next);
      scrollToCell(next.active);
    },
    [scrollToCell],
  );

  const startEdit = (initial?: string) => {
    const { row, field, value } = cellAt(selection.active);
    if (!row || !field) return;
    const kind = editorKind(field);
    if (!canWrite) return setNotice({ kind: "info", text: "You can read this table but not edit it." });
    if (kind === null) return setNotice({ kind: "info", text: `${field.name} is ${field.readOnly ? "read-only for you" : "computed"}; it cannot be edited.` });
    if (kind === "checkbox") {
      if (initial === undefined) void write([{ rowId: row.id, fieldId: field.id, value: value !== true, expected: value === true }]);
      return;
    }
    setSelection(single(selection.active));
    scrollToCell(selection.active);
    // The primary column is frozen; its editor opens at the content's left edge.
    if (selection.active.col === 0 && scrollRef.current) scrollRef.current.scrollLeft = 0;
    setEditing({ ...selection.active, initial });
  };

  const commitEdit = (value: unknown, move: Direction | null) => {
    if (!editing) return;
    const { row, field, value: shown } = cellAt(editing);
    setEditing(null);
    focusGrid();
    if (row && field && !sameValue(value, shown)) void write([{ rowId: row.id, fieldId: field.id, value, expected: shown }]);
    if (move === "left" || move === "right") {
      const next = tabStep(editing, move === "left", dims);
      if (next) select(single(next));
    } else if (move) select(single(step(editing, move, dims)));
  };

  const cancelEdit = () => {
    setEditing(null);
    focusGrid();
  };

  /** Empties the selected cells that may be written (Delete, Backspace). */
  const clearSelection = () => {
    if (!canWrite) return setNotice({ kind: "info", text: "You can read this table but not edit it." });
    const rect = selectionRect(selection);
    const changes: CellChange[] = [];
    let skipped = 0;
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row = cache.row(r);
      if (!row) continue;
      for (let c = rect.left; c <= rect.right; c++) {
        const field = columns[c]!;
        const shown = row.fields[field.id] ?? null;
        if (!writableInGrid(field)) {
          if (shown !== null) skipped += 1;
          continue;
        }
        const empty = emptyValue(field);
        if (!sameValue(shown, empty) && !(Array.isArray(shown) && shown.length === 0)) changes.push({ rowId: row.id, fieldId: field.id, value: empty, expected: shown });
      }
    }
    if (skipped) setNotice({ kind: "info", text: `${skipped} ${skipped === 1 ? "cell is" : "cells are"} computed or read-only and kept ${skipped === 1 ? "its" : "their"} value.` });
    void write(changes);
  };

  const undo = async () => {
    const entry = undoStack.current.pop();
    if (!entry) return setNotice({ kind: "info", text: "Nothing to undo." });
    const created = new Set(entry.created ?? []);
    const cells = entry.cells.filter((c) => !created.has(c.rowId)).map((c) => ({ rowId: c.rowId, fieldId: c.fieldId, value: c.expected, expected: c.value }));
    const ok = await write(cells, { record: false });
    if (ok && created.size > 0) {
      try {
        await client.row.delete.mutate({ tableId: table.id, ids: [...created] });
        cache.reset();
      } catch (error) {
        setNotice({ kind: "error", text: `The rows the paste added could not be removed: ${clientError(error).message}` });
        return;
      }
    }
    if (ok) setNotice({ kind: "info", text: `Undone: ${cells.length} ${cells.length === 1 ? "cell" : "cells"}${created.size ? `, ${created.size} added ${created.size === 1 ? "row" : "rows"} removed` : ""}.` });
  };

  // ---- Copy and paste ------------------------------------------------------

  const copySelection = (): string => {
    const rect = selectionRect(selection);
    const lines: string[][] = [];
    for (let r = rect.top; r <= Math.min(rect.bottom, rect.top + 9_999); r++) {
      const row = cache.row(r);
      const line: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(row ? copyText(columns[c]!, row.fields[columns[c]!.id] ?? null) : "");
      lines.push(line);
    }
    return formatTsv(lines);
  };

  const paste = async (text: string) => {
    if (!canWrite) return setNotice({ kind: "info", text: "You can read this table but not edit it." });
    let block = parseTsv(text);
    if (block.length === 0) return;
    const rect = selectionRect(selection);
    // One value pasted onto a range fills it, as in a spreadsheet.
    if (block.length === 1 && block[0]!.length === 1 && (rect.bottom > rect.top || rect.right > rect.left)) {
      block = Array.from({ length: rect.bottom - rect.top + 1 }, () => Array.from({ length: rect.right - rect.left + 1 }, () => block[0]![0]!));
    }
    const { top, left } = rect;
    const width = Math.max(...block.map((line) => line.length));
    const total = cache.rowCount();
    const existing = Math.max(0, Math.min(block.length, total - top));
    if (existing > 0) await ensureRows(top, top + existing - 1);

    const problems: string[] = [];
    let dropped = 0;
    const changes: CellChange[] = [];
    const parseLine = (line: string[], rowNumber: number, onValue: (field: GridField, value: unknown) => void) => {
      line.forEach((cellText, c) => {
        const field = columns[left + c];
        if (!field) {
          dropped += 1;
          return;
        }
        const parsed = valueFromCellText(field, cellText);
        if (parsed.ok) onValue(field, parsed.value);
        else if (!(cellText.trim() === "" && !writableInGrid(field))) problems.push(`row ${rowNumber}, ${field.name}: ${writableInGrid(field) ? `${JSON.stringify(cellText)} ${parsed.error}` : "cannot be pasted into"}`);
      });
    };
    for (let r = 0; r < existing; r++) {
      const row = cache.row(top + r);
      if (!row) {
        problems.push(`row ${top + r + 1}: could not be loaded`);
        continue;
      }
      parseLine(block[r]!, top + r + 1, (field, value) => {
        const shown = row.fields[field.id] ?? null;
        if (!sameValue(shown, value)) changes.push({ rowId: row.id, fieldId: field.id, value, expected: shown });
      });
    }
    const newRows: Array<Record<string, unknown>> = [];
    for (let r = existing; r < block.length; r++) {
      const fields: Record<string, unknown> = {};
      parseLine(block[r]!, top + r + 1, (field, value) => (fields[field.id] = value));
      newRows.push(fields);
    }

    // Without rows to add, the write records its own undo step (one a conflict's "Keep mine" records too).
    const wrote = await write(changes, { record: newRows.length === 0 });
    const created: string[] = [];
    if (wrote && newRows.length > 0) {
      try {
        for (let i = 0; i < newRows.length; i += CHUNK) {
          const answer = await client.row.create.mutate({ tableId: table.id, fieldKey: "id", rows: newRows.slice(i, i + CHUNK).map((fields) => ({ fields })) });
          created.push(...answer.rows.map((row) => row.id));
        }
      } catch (error) {
        problems.push(`${newRows.length - created.length} new rows: ${clientError(error).message}`);
      }
      cache.reset();
    }
    if (wrote && newRows.length > 0) undoStack.current.push({ cells: changes, created });
    if (!wrote) return;
    setSelection({ anchor: { row: top, col: left }, active: { row: top + block.length - 1, col: Math.min(columns.length - 1, left + width - 1) } });
    const parts = [`Pasted ${changes.length} ${changes.length === 1 ? "cell" : "cells"}`];
    if (created.length) parts.push(`added ${created.length} ${created.length === 1 ? "row" : "rows"}`);
    if (dropped) parts.push(`${dropped} past the last column left out`);
    const summary = `${parts.join(", ")}.`;
    if (problems.length) {
      setNotice({ kind: "error", text: `${summary} Not pasted (${problems.length}): ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}` });
    } else setNotice({ kind: "info", text: summary });
  };

  // Clipboard events go to the document when the focused element is not editable; the grid takes them while it has focus.
  const copyRef = useRef(copySelection);
  const pasteRef = useRef(paste);
  copyRef.current = copySelection;
  pasteRef.current = paste;
  const busy = editing !== null || conflict !== null || expanded !== null;
  useEffect(() => {
    const owns = () => !busy && document.activeElement === scrollRef.current;
    const onCopy = (event: ClipboardEvent) => {
      if (!owns() || !event.clipboardData) return;
      event.preventDefault();
      event.clipboardData.setData("text/plain", copyRef.current());
      setNotice({ kind: "info", text: "Copied." });
    };
    const onPaste = (event: ClipboardEvent) => {
      if (!owns() || !event.clipboardData) return;
      event.preventDefault();
      void pasteRef.current(event.clipboardData.getData("text/plain"));
    };
    document.addEventListener("copy", onCopy);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("paste", onPaste);
    };
  }, [busy]);

  // ---- Keys and mouse ------------------------------------------------------

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (busy || event.target !== event.currentTarget) return;
    const command = gridKey(selection, { key: event.key, shift: event.shiftKey, mod: event.ctrlKey || event.metaKey, alt: event.altKey }, dims);
    if (!command) return;
    switch (command.type) {
      case "select":
        event.preventDefault();
        select(command.selection);
        return;
      case "leave":
      case "copy":
        // The browser moves focus on, or fires the copy event handled above.
        return;
      case "undo":
        event.preventDefault();
        void undo();
        return;
      case "edit":
        event.preventDefault();
        startEdit(command.initial);
        return;
      case "toggle": {
        event.preventDefault();
        const { field } = cellAt(selection.active);
        if (field && editorKind(field) === "checkbox") startEdit();
        return;
      }
      case "clear":
        event.preventDefault();
        clearSelection();
        return;
      case "expand":
        event.preventDefault();
        expandRow(selection.active.row);
        return;
    }
  };

  // ---- The record dialog ---------------------------------------------------

  const expandRow = (index: number) => {
    const row = cache.row(index);
    if (!row) return;
    select({ active: { row: index, col: selection.active.col }, anchor: { row: index, col: selection.active.col } });
    setExpanded(row.id);
  };
  // The whole row, hidden fields too, held with the page's: the dialog and the cells show the same values.
  const holdRow = useCallback((full: CachedRow) => cache.updateRow(full.id, (old) => ({ ...old, version: full.version, fields: { ...old.fields, ...full.fields } })), [cache]);
  const expandedIndex = expanded ? cache.indexOf(expanded) : -1;

  const onCellMouseDown = (event: React.MouseEvent, pos: CellPos) => {
    if (event.button !== 0) return;
    event.preventDefault();
    focusGrid();
    dragging.current = true;
    setSelection((current) => (event.shiftKey ? { active: pos, anchor: current.anchor } : single(pos)));
  };

  // Dragging across cells selects the rectangle they span.
  const onCellMouseEnter = (pos: CellPos) => {
    if (!dragging.current) return;
    setSelection((current) => (current.active.row === pos.row && current.active.col === pos.col ? current : { active: pos, anchor: current.anchor }));
  };
  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener("mouseup", stop);
    return () => window.removeEventListener("mouseup", stop);
  }, []);

  // ---- Column widths -------------------------------------------------------


  const startResize = (event: React.PointerEvent, field: GridField) => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widthOf(field);
    const target = event.currentTarget as HTMLElement;
    target.setPointerCapture(event.pointerId);
    let resized = widths;
    const move = (e: PointerEvent) => {
      const width = Math.round(Math.min(2000, Math.max(MIN_WIDTH, startWidth + e.clientX - startX)));
      setWidths((current) => (resized = { ...current, [field.id]: width }));
    };
    const up = () => {
      target.removeEventListener("pointermove", move);
      target.removeEventListener("pointerup", up);
      if (resized[field.id] !== undefined && resized[field.id] !== startWidth) onConfigChange?.({ widths: resized });
    };
    target.addEventListener("pointermove", move);
    target.addEventListener("pointerup", up);
  };

  // ---- Column order ---------------------------------------------------------

  // Pointer only: the keyboard reorders columns in the toolbar's fields menu.
  const columnSensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  /** A header dropped on another: moved before it (going left) or after it (going right), hidden fields keeping their places. */
  const onColumnDrop = (event: DragEndEvent) => {
    const from = event.active.data.current?.fieldId as string | undefined;
    const to = event.over?.data.current?.fieldId as string | undefined;
    if (!from || !to || from === to) return;
    const order = inViewOrder(table.fields, table.primaryFieldId, view.config.fieldOrder)
      .map((f) => f.id)
      .filter((id) => id !== table.primaryFieldId);
    const next = order.filter((id) => id !== from);
    next.splice(next.indexOf(to) + (order.indexOf(from) < order.indexOf(to) ? 1 : 0), 0, from);
    onConfigChange?.({ fieldOrder: next });
  };

  // ---- Rendering -----------------------------------------------------------

  const cellId = (row: number, col: number) => `${gridId}-r${row}-c${col}`;
  const rect = selectionRect(selection);
  const isRange = rect.top !== rect.bottom || rect.left !== rect.right;
  const firstCol = virtualCols[0]?.index ?? 0;
  const lastCol = virtualCols.at(-1)?.index ?? -1;

  // Stable handlers for the memoised rows: they call the latest closures.
  const latest = useRef({ onCellMouseDown, onCellMouseEnter, startEdit, expandRow });
  latest.current = { onCellMouseDown, onCellMouseEnter, startEdit, expandRow };
  const cellHandlers = useMemo<CellHandlers>(
    () => ({
      mouseDown: (event, pos) => latest.current.onCellMouseDown(event, pos),
      mouseEnter: (pos) => latest.current.onCellMouseEnter(pos),
      doubleClick: () => latest.current.startEdit(),
      expand: (index) => latest.current.expandRow(index),
    }),
    [],
  );
  // Where each column starts and how wide it is (the virtualiser lays them out the same way).
  const layout = useMemo(() => {
    let x = frozenWidth;
    return others.map((field) => {
      const at = { start: x, size: widthOf(field) };
      x += at.size;
      return at;
    });
  }, [others, frozenWidth, widthOf]);
  const writable = useMemo(() => columns.map((field) => canWrite && editorKind(field) !== null), [columns, canWrite]);

  const editingField = editing ? columns[editing.col] : undefined;
  const editingCell = editing ? cellAt(editing) : undefined;
  // The editor lies over the cell, in the scrolled content, so scrolling away from it keeps what is typed.
  const editorLeft = editing ? frozenWidth + others.slice(0, Math.max(0, editing.col - 1)).reduce((sum, f) => sum + widthOf(f), 0) : 0;

  const activeRowLoaded = cache.row(selection.active.row) !== undefined;

  // The selected cell is shared by ids (indexes differ between views and sorts), and others' are shown by them.
  const selectedRowId = cache.row(selection.active.row)?.id;
  const selectedFieldId = columns[selection.active.col]?.id;
  useEffect(
    () => shareSelection(selectedRowId && selectedFieldId ? { rowId: selectedRowId, fieldId: selectedFieldId } : null),
    [shareSelection, selectedRowId, selectedFieldId],
  );
  // Editing the selected cell is shared too, so others see it is being typed into.
  const editingCellNow = editing !== null;
  useEffect(() => sharePresence({ editing: editingCellNow }), [sharePresence, editingCellNow]);
  const selectedBy = useMemo(() => {
    const byRow = new Map<string, Map<string, Collaborator>>();
    for (const person of collaborators) {
      if (!person.cell) continue;
      const row = byRow.get(person.cell.rowId) ?? new Map<string, Collaborator>();
      row.set(person.cell.fieldId, person);
      byRow.set(person.cell.rowId, row);
    }
    return byRow;
  }, [collaborators]);

  const rowCountLine = (
    <p>{cache.total === null ? "Counting rows…" : `${cache.total.toLocaleString("en")} ${cache.total === 1 ? "row" : "rows"}`}</p>
  );
  const recordDialog = expanded ? (
    <EditorEnvProvider value={editorEnv}>
      <RecordDialog
        workspaceId={workspaceId}
        table={table}
        rowId={expanded}
        row={expandedIndex >= 0 ? cache.row(expandedIndex) : undefined}
        canWrite={canWrite}
        canReadHistory={can(role, "audit.read")}
        write={write}
        onRowLoaded={holdRow}
        canStep={{ prev: expandedIndex > 0 && cache.row(expandedIndex - 1) !== undefined, next: expandedIndex >= 0 && cache.row(expandedIndex + 1) !== undefined }}
        onStep={(by) => expandRow(expandedIndex + by)}
        onClose={() => setExpanded(null)}
        returnFocus={asCards ? () => undefined : focusGrid}
      />
    </EditorEnvProvider>
  ) : null;

  if (asCards) {
    const cardFields = columns.slice(1, 1 + CARD_FIELDS);
    return (
      <div className="flex h-full min-h-0 flex-col gap-2">
        <div className="text-sm text-muted-foreground">{rowCountLine}</div>
        <div ref={scrollRef} className="relative min-h-0 flex-1 overflow-auto">
          <ul aria-label={`${table.name}: ${view.name}`} className="relative" style={{ height: rowsLayout.height }}>
            {virtualRows.map((vr) => {
              const row = cache.row(vr.index);
              return (
                <li key={vr.index} className="absolute inset-x-0 pb-2" style={{ top: rowsLayout.layerTop + vr.start - rowsLayout.anchor, height: CARD_HEIGHT }}>
                  <button
                    type="button"
                    disabled={!row}
                    onClick={() => expandRow(vr.index)}
                    className="grid h-full w-full content-start gap-1 overflow-hidden rounded-md border border-border bg-background p-2.5 text-left text-sm focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    <span className="truncate font-medium">{row ? rowLabel(row, table.primaryFieldId) : "Loading…"}</span>
                    {row
                      ? cardFields.map((field) => (
                          <span key={field.id} className="flex min-w-0 gap-2 text-xs">
                            <span className="shrink-0 text-muted-foreground">{field.name}</span>
                            <span className="min-w-0 truncate">
                              <CellDisplay field={field} value={row.fields[field.id] ?? null} search={search.trim()} />
                            </span>
                          </span>
                        ))
                      : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
        {notice?.kind === "error" ? (
          <p role="alert" className="text-sm text-destructive">
            {notice.text}
          </p>
        ) : null}
        {recordDialog}
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0 flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
        <div className="flex items-center gap-3">
          {rowCountLine}
          <PresenceAvatars viewId={view.id} />
        </div>
        <p className="hidden sm:block">
          Arrows move · Enter edits · Shift+Space expands · Delete clears · {typeof navigator !== "undefined" && /Mac/.test(navigator.platform) ? "⌘" : "Ctrl+"}C / V copy and paste · Z undoes
        </p>
      </div>
      <div
        ref={scrollRef}
        role="grid"
        tabIndex={0}
        aria-label={`${table.name}: ${view.name}`}
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
        aria-multiselectable
        aria-readonly={canWrite ? undefined : true}
        aria-activedescendant={activeRowLoaded && !editing ? cellId(selection.active.row, selection.active.col) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        className="relative min-h-0 flex-1 overflow-auto rounded-md border border-border bg-background outline-none focus-visible:ring-2 focus-visible:ring-ring/30"
        style={{ "--row-height": `${rowHeight}px` } as React.CSSProperties}
      >
        {/* Its announcer goes to the body: a grid holds only rows. */}
        <DndContext sensors={columnSensors} onDragEnd={onColumnDrop} accessibility={{ container: typeof document === "undefined" ? undefined : document.body }}>
          <div role="rowgroup" className="sticky top-0 z-20" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
            <div role="row" aria-rowindex={1} className="relative flex h-full bg-muted">
              <div aria-hidden className="sticky left-0 z-30 h-full shrink-0 border-r border-b border-border bg-muted" style={{ width: GUTTER_WIDTH }} />
              <HeaderCell field={primary} col={0} width={widthOf(primary)} sticky={GUTTER_WIDTH} onResize={startResize} onAction={onColumnAction} canEditFields={canEditFields} movable={false} />
              {virtualCols.map((vc) => (
                <HeaderCell
                  key={others[vc.index]!.id}
                  field={others[vc.index]!}
                  col={vc.index + 1}
                  width={vc.size}
                  left={vc.start}
                  onResize={startResize}
                  onAction={onColumnAction}
                  canEditFields={canEditFields}
                  movable
                />
              ))}
            </div>
          </div>
        </DndContext>
        <div role="rowgroup" className="relative" style={{ width: totalWidth, height: rowsLayout.height }}>
          {/* The rows' layer: where the rows in sight are, when the scroll space is scaled (scaled-scroll.ts). */}
          <div role="none" className="absolute top-0 left-0" style={rowsLayout.layerTop === 0 ? undefined : { transform: `translateY(${rowsLayout.layerTop}px)` }}>
          {virtualRows.map((vr) => {
            const line = lines.line(vr.index);
            if (line.kind === "header") {
              const group = groups![line.group]!;
              const key = groupKeyOf(group);
              return (
                <GroupHeaderRow
                  key={`group:${key}`}
                  group={group}
                  field={groupField!}
                  summed={summed}
                  columns={columns}
                  layout={layout}
                  firstCol={firstCol}
                  lastCol={lastCol}
                  top={vr.start - rowsLayout.anchor}
                  height={rowHeight}
                  width={totalWidth}
                  labelWidth={GUTTER_WIDTH + widthOf(primary)}
                  collapsed={collapsedGroups.has(key)}
                  onToggle={() =>
                    setCollapsedGroups((old) => {
                      const next = new Set(old);
                      if (!next.delete(key)) next.add(key);
                      return next;
                    })
                  }
                />
              );
            }
            const index = line.row;
            const row = cache.row(index);
            return (
            <GridRow
              key={`row:${index}`}
              index={index}
              top={vr.start - rowsLayout.anchor}
              height={rowHeight}
              row={row}
              columns={columns}
              layout={layout}
              writable={writable}
              firstCol={firstCol}
              lastCol={lastCol}
              width={totalWidth}
              primaryWidth={widthOf(primary)}
              activeCol={selection.active.row === index ? selection.active.col : -1}
              canExpand={!editing}
              rangeLeft={isRange && index >= rect.top && index <= rect.bottom ? rect.left : -1}
              rangeRight={isRange && index >= rect.top && index <= rect.bottom ? rect.right : -1}
              focused={focused}
              search={search.trim()}
              idPrefix={gridId}
              handlers={cellHandlers}
              collaborators={row ? selectedBy.get(row.id) : undefined}
            />
            );
          })}
          {editing && editingField && editingCell?.row ? (
            <div
              className="absolute z-40"
              style={{
                top: headerHeight + lines.lineOfRow(editing.row) * rowHeight - rowsLayout.anchor,
                left: editing.col === 0 ? GUTTER_WIDTH : editorLeft,
                minWidth: Math.max(widthOf(editingField), 200),
                minHeight: rowHeight,
                ["--row-height" as string]: `${rowHeight}px`,
              }}
            >
              <EditorEnvProvider value={editorEnv}>
                <CellEditor
                  key={`${editing.row}:${editing.col}`}
                  field={editingField}
                  kind={editorKind(editingField)!}
                  value={editingCell.value}
                  initial={editing.initial}
                  onCommit={commitEdit}
                  onCancel={cancelEdit}
                />
              </EditorEnvProvider>
            </div>
          ) : null}
          </div>
        </div>
      </div>
      <div aria-live="polite" role="status" className="min-h-5 text-sm">
        {notice?.kind === "info" ? <span className="text-muted-foreground">{notice.text}</span> : null}
      </div>
      {notice?.kind === "error" ? (
        <div role="alert" className="flex items-start justify-between gap-3 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
          <span>{notice.text}</span>
          <button type="button" className="shrink-0 underline underline-offset-2" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {conflict ? (
        <ConflictDialog
          conflict={conflict}
          fields={columns}
          onKeepMine={async () => {
            const retry = conflict.changes.map(({ theirs, ...change }) => ({ ...change, expected: theirs }));
            setConflict(null);
            focusGrid();
            await write(retry, { record: conflict.record });
          }}
          onTakeTheirs={() => {
            setConflict(null);
            setNotice({ kind: "info", text: "Kept the other value." });
            focusGrid();
          }}
        />
      ) : null}
      {recordDialog}
    </div>
  );
}
