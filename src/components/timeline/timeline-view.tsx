"use client";

import { type InfiniteData, keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronLeft, ChevronRight } from "lucide-react";
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { formatDate } from "@/components/fields/format-value";
import { copyText } from "@/components/grid/cell-values";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { BAR_INSTRUCTIONS, type BarEdit, TimelineBar } from "./timeline-bar";
import {
  axisOf,
  type Day,
  describeDay,
  describeSpan,
  formatDay,
  localDay,
  parseDay,
  pxPerDay,
  type Span,
  stepAnchor,
  widthOf,
  windowOf,
  xOfDay,
  type Zoom,
  zooms,
} from "./timeline-scale";
import { spanOf, spanWrite } from "./timeline-values";
import { clientError } from "@/trpc/client-error";
import { useTableRefresh } from "@/components/realtime/use-table-refresh";

/** Rows a page of the range brings (more load on request). */
const PAGE_SIZE = 500;
/** Rows without a start listed by name (the rest are counted). */
const UNSCHEDULED_SHOWN = 50;
/** Field types a timeline can be grouped by: those the server sorts by, with values that read well as a heading. */
const GROUPABLE_TYPES = new Set(["text", "single_select", "boolean", "number", "currency", "percent", "rating", "date", "email", "url", "phone"]);
const zoomLabels: Record<Zoom, string> = { day: "Day", week: "Week", month: "Month" };

export type TimelineField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };
export type TimelineTable = { id: string; name: string; primaryFieldId: string | null; fields: TimelineField[] };
export type TimelineViewConfig = {
  id: string;
  name: string;
  groupBy: string[];
  config: Record<string, unknown> & { startFieldId?: string; endFieldId?: string };
};

type TimelineViewProps = { table: TimelineTable; view: TimelineViewConfig; canWrite: boolean; canWriteView: boolean };

type TimelineRow = { id: string; fields: Record<string, unknown> };
type Page = { rows: TimelineRow[]; nextCursor: string | null; total?: number };
type Notice = { kind: "info" | "error"; text: string };
type Group = { key: string; name: string; rows: TimelineRow[] };

const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function groupName(field: TimelineField, value: unknown): string {
  if (field.type === "boolean") return value === true ? "Checked" : "Not checked";
  if (isEmpty(value)) return "No value";
  if (field.type === "date" && typeof value === "string") return formatDate(value);
  return copyText(field, value);
}

/** Rows by the group field's value, in the order the server sorted them (group fields first). */
function groupRows(rows: TimelineRow[], field: TimelineField | undefined): Group[] {
  if (!field) return [{ key: "all", name: "", rows }];
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const value = row.fields[field.id];
    const key = field.type === "boolean" ? String(value === true) : JSON.stringify(isEmpty(value) ? null : value);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, name: groupName(field, value), rows: [] }));
    group.rows.push(row);
  }
  return [...groups.values()];
}

const noSubscription = () => () => {};

/**
 * A timeline (Gantt) over a view: a bar per row from its start to its end
 * date on a day, week or month axis, moved and resized by pointer, touch or
 * keyboard as compare-and-set writes, in groups of the view's first group
 * field. Rows without a start are counted apart.
 */
export function TimelineView({ table, view, canWrite, canWriteView }: TimelineViewProps) {
  const startField = table.fields.find((f) => f.id === view.config.startFieldId);
  const endField = table.fields.find((f) => f.id === view.config.endFieldId);
  if (!startField || !endField) {
    return <p className="text-sm text-muted-foreground">This timeline view has no start or end field; choose them in the view&apos;s settings.</p>;
  }
  return <Timeline table={table} view={view} canWrite={canWrite} canWriteView={canWriteView} startField={startField} endField={endField} />;
}

function Timeline({ table, view, canWrite, canWriteView, startField, endField }: TimelineViewProps & { startField: TimelineField; endField: TimelineField }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const instructionsId = useId();
  // "Today" is the browser's day, unknown while rendering on the server.
  const today = useSyncExternalStore(noSubscription, () => localDay(new Date()), () => null);
  const [chosenAnchor, setAnchor] = useState<Day | null>(null);
  const [zoom, setZoom] = useState<Zoom>("week");
  const [groupBy, setGroupBy] = useState(view.groupBy);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [preview, setPreview] = useState("");
  const [saving, setSaving] = useState<Set<string>>(() => new Set());
  const scrollRef = useRef<HTMLDivElement>(null);

  const anchor = chosenAnchor ?? today;
  const range = anchor === null ? null : windowOf(anchor, zoom);
  const primary = table.fields.find((f) => f.id === table.primaryFieldId);
  const groupField = table.fields.find((f) => f.id === groupBy[0]);
  const editable = canWrite && !startField.readOnly && !endField.readOnly;

  // A day either side of the range: a datetime late on the range's last day compares after that date.
  const input = {
    viewId: view.id,
    from: range ? formatDay(range.start - 1) : "",
    to: range ? formatDay(range.end + 1) : "",
    limit: PAGE_SIZE,
    fieldKey: "id" as const,
  };
  const options = trpc.view.data.infiniteQueryOptions(input, { getNextPageParam: (last) => (last as unknown as Page).nextCursor ?? undefined });
  const query = useInfiniteQuery({ ...options, enabled: range !== null, placeholderData: keepPreviousData });
  const unscheduled = useQuery({
    ...trpc.view.data.queryOptions({ viewId: view.id, filter: { field: startField.id, op: "is_empty" }, limit: UNSCHEDULED_SHOWN, withTotal: true, fieldKey: "id" }),
    select: (data) => data as unknown as Page,
  });

  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => (page as unknown as Page).rows), [query.data]);
  const groups = useMemo(() => groupRows(rows, groupField), [rows, groupField]);

  // Each navigation (a new anchor or zoom, which decide the range) brings the
  // anchor into sight a little in from the left; other renders leave the scroll alone.
  useLayoutEffect(() => {
    if (!scrollRef.current || !range || anchor === null) return;
    const lead = zoom === "day" ? 1 : zoom === "week" ? 7 : 14;
    scrollRef.current.scrollLeft = Math.max(0, xOfDay(anchor - lead, range, zoom));
  }, [anchor, zoom]);

  const titleOf = useCallback(
    (row: TimelineRow) => {
      const value = primary ? row.fields[primary.id] : undefined;
      return isEmpty(value) ? "Unnamed record" : typeof value === "string" ? value : copyText(primary!, value);
    },
    [primary],
  );

  /** Sets a row's cells in every cached page of the range (the optimistic change, and its undoing). */
  const patchRow = useCallback(
    (rowId: string, cells: Record<string, unknown>) => {
      queryClient.setQueryData(options.queryKey, (old) => {
        const data = old as InfiniteData<Page> | undefined;
        if (!data) return old;
        const pages = data.pages.map((page) => ({ ...page, rows: page.rows.map((r) => (r.id === rowId ? { ...r, fields: { ...r.fields, ...cells } } : r)) }));
        return { ...data, pages } as unknown as typeof old;
      });
    },
    [queryClient, options.queryKey],
  );

  // Others' changes read in as they come, except over a change of one's own on its way.
  useTableRefresh(
    () => void queryClient.invalidateQueries({ queryKey: trpc.view.data.pathKey() }),
    () => saving.size > 0,
  );

  const changeSpan = useCallback(
    async (row: TimelineRow, next: Span, edit: BarEdit) => {
      const write = spanWrite(startField, endField, row.fields, next);
      if (!write) return;
      const title = titleOf(row);
      await queryClient.cancelQueries({ queryKey: options.queryKey });
      patchRow(row.id, write.fields);
      setSaving((old) => new Set(old).add(row.id));
      setNotice(null);
      try {
        await client.row.update.mutate({ tableId: table.id, fieldKey: "id", rows: [{ id: row.id, fields: write.fields, expected: write.expected }] });
        const text = edit === "move" ? `Moved ${title} to ${describeSpan(next)}.` : edit === "start" ? `${title} now starts ${describeDay(next.start)}.` : `${title} now ends ${describeDay(next.end)}.`;
        setNotice({ kind: "info", text });
      } catch (error) {
        const { code, message } = clientError(error);
        patchRow(row.id, write.expected);
        setNotice(
          code === "CONFLICT"
            ? { kind: "error", text: `Someone else changed ${title} first, so your change was not saved; the timeline now shows theirs.` }
            : { kind: "error", text: `${title} was not changed (${message}); it is back where it was.` },
        );
      } finally {
        setSaving((old) => {
          const rest = new Set(old);
          rest.delete(row.id);
          return rest;
        });
      }
      void queryClient.invalidateQueries({ queryKey: trpc.view.data.pathKey() });
    },
    [client, endField, options.queryKey, patchRow, queryClient, startField, table.id, titleOf, trpc.view.data],
  );

  const changeGroupField = async (fieldId: string) => {
    const next = fieldId ? [fieldId] : [];
    const before = groupBy;
    setGroupBy(next);
    setCollapsed(new Set());
    setNotice(null);
    try {
      await client.view.update.mutate({ viewId: view.id, groupBy: next });
      const field = table.fields.find((f) => f.id === fieldId);
      setNotice({ kind: "info", text: field ? `Grouped by ${field.name}.` : "No longer grouped." });
      // The server sorts rows by the group field: ask again for that order.
      await queryClient.invalidateQueries({ queryKey: trpc.view.data.pathKey() });
    } catch (error) {
      setGroupBy(before);
      setNotice({ kind: "error", text: `The grouping was not saved (${clientError(error).message}).` });
    }
  };

  const toggle = (key: string) =>
    setCollapsed((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (!range || anchor === null) return <p className="text-sm text-muted-foreground">Loading the timeline…</p>;

  const axis = axisOf(range, zoom);
  const trackWidth = widthOf(range, zoom);
  const todayX = today !== null && today >= range.start && today <= range.end ? xOfDay(today, range, zoom) : null;
  const groupable = table.fields.filter((f) => GROUPABLE_TYPES.has(f.type));
  const unscheduledCount = unscheduled.data ? (unscheduled.data.total ?? unscheduled.data.rows.length) : 0;

  const renderRows = (list: TimelineRow[], label: string) => (
    <ul aria-label={label}>
      {list.map((row) => {
        const span = spanOf(startField, endField, row.fields);
        return (
          <li key={row.id} data-row-id={row.id} className="flex h-10 border-b border-border last:border-b-0">
            <div className="sticky left-0 z-10 flex w-32 shrink-0 items-center border-r border-border bg-background px-3 text-sm sm:w-56">
              <span className="truncate">{titleOf(row)}</span>
            </div>
            <div className="relative shrink-0 overflow-hidden" style={{ width: trackWidth }}>
              {todayX !== null && <div aria-hidden className="absolute inset-y-0 w-0.5 bg-destructive/60" style={{ left: todayX + pxPerDay[zoom] / 2 }} />}
              {span && (
                <TimelineBar
                  title={titleOf(row)}
                  span={span}
                  range={range}
                  zoom={zoom}
                  onChange={editable ? (next, edit) => void changeSpan(row, next, edit) : null}
                  onPreview={setPreview}
                  saving={saving.has(row.id)}
                  instructionsId={instructionsId}
                />
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="grid min-h-0 grid-rows-[auto_auto_minmax(0,1fr)_auto] gap-2">
      <div role="toolbar" aria-label="Timeline" className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <Button variant="outline" size="icon" aria-label="Earlier" onClick={() => setAnchor(stepAnchor(anchor, zoom, -1))}>
            <ChevronLeft aria-hidden />
          </Button>
          <Button variant="outline" onClick={() => setAnchor(today)} disabled={today === null}>
            Today
          </Button>
          <Button variant="outline" size="icon" aria-label="Later" onClick={() => setAnchor(stepAnchor(anchor, zoom, 1))}>
            <ChevronRight aria-hidden />
          </Button>
        </div>
        <Input
          type="date"
          aria-label="Go to date"
          className="w-auto"
          value={formatDay(anchor)}
          onChange={(event) => {
            const day = parseDay(event.target.value);
            if (day !== null) setAnchor(day);
          }}
        />
        <div role="group" aria-label="Zoom" className="flex rounded-md border border-border p-0.5">
          {zooms.map((z) => (
            <button
              key={z}
              type="button"
              aria-pressed={zoom === z}
              onClick={() => setZoom(z)}
              className={cn(
                "rounded px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-ring",
                zoom === z ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground hover:bg-muted",
              )}
            >
              {zoomLabels[z]}
            </button>
          ))}
        </div>
        {canWriteView ? (
          <label className="flex items-center gap-2 text-sm">
            Group by
            <Select value={groupField?.id ?? ""} onChange={(event) => void changeGroupField(event.target.value)} className="w-40">
              <option value="">None</option>
              {groupable.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </Select>
          </label>
        ) : (
          groupField && <p className="text-sm text-muted-foreground">Grouped by {groupField.name}</p>
        )}
        <p aria-live="polite" className="ml-auto text-sm font-medium tabular-nums">
          {describeSpan(range)}
        </p>
      </div>

      <div aria-live="polite" className="min-h-5 text-sm">
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
            {notice.text}
          </p>
        )}
      </div>
      <p id={instructionsId} className="sr-only">
        {BAR_INSTRUCTIONS}
      </p>
      <p aria-live="assertive" className="sr-only">
        {preview}
      </p>

      <div ref={scrollRef} role="region" tabIndex={0} aria-label={`${view.name} timeline`} aria-busy={query.isFetching || undefined} className="min-h-0 overflow-auto rounded-lg border border-border focus-visible:outline-2 focus-visible:outline-ring">
        <div className="relative min-w-full" style={{ width: "max-content" }}>
          <div className="sticky top-0 z-20 flex border-b border-border bg-muted">
            <div className="sticky left-0 z-10 flex w-32 shrink-0 items-end border-r border-border bg-muted px-3 py-1.5 text-xs font-medium text-muted-foreground sm:w-56">
              {primary?.name ?? "Record"}
            </div>
            <div className="shrink-0" style={{ width: trackWidth }}>
              <ol aria-label={axis.unit === "Months" ? "Years" : "Months"} className="relative h-6 border-b border-border">
                {axis.top.map((cell) => (
                  <li key={cell.key} title={cell.title} className="absolute inset-y-0 overflow-clip border-l border-border text-xs leading-6 font-medium whitespace-nowrap" style={{ left: cell.left, width: cell.width }}>
                    {/* Sticks beside the record column, so a month scrolled half out of sight still shows its name. */}
                    <span className="sticky left-32 px-1.5 sm:left-56">{cell.label}</span>
                  </li>
                ))}
              </ol>
              <ol aria-label={axis.unit} className="relative h-6">
                {axis.bottom.map((cell) => {
                  const isToday = zoom === "day" && today !== null && cell.key === formatDay(today);
                  return (
                    <li
                      key={cell.key}
                      title={cell.title}
                      aria-current={isToday ? "date" : undefined}
                      className={cn(
                        "absolute inset-y-0 truncate border-l border-border px-0.5 text-xs leading-6 text-muted-foreground",
                        zoom === "day" && "text-center",
                        isToday && "bg-destructive/10 font-semibold text-destructive",
                      )}
                      style={{ left: cell.left, width: cell.width }}
                    >
                      {cell.label}
                    </li>
                  );
                })}
                {todayX !== null && (
                  <li className="absolute bottom-0 h-1.5 w-0.5 bg-destructive" style={{ left: todayX + pxPerDay[zoom] / 2 }}>
                    <span className="sr-only">Today, {describeDay(today!)}</span>
                  </li>
                )}
              </ol>
            </div>
          </div>

          {query.isPending ? (
            <p className="sticky left-0 p-3 text-sm text-muted-foreground">Loading records…</p>
          ) : query.isError ? (
            <p role="alert" className="sticky left-0 p-3 text-sm text-destructive">
              Records could not be loaded: {clientError(query.error).message}
            </p>
          ) : rows.length === 0 ? (
            <p className="sticky left-0 p-3 text-sm text-muted-foreground">No records with dates in {describeSpan(range)}.</p>
          ) : groupField ? (
            groups.map((group, index) => {
              const open = !collapsed.has(group.key);
              const headingId = `${instructionsId}-group-${index}`;
              return (
                <section key={group.key} aria-labelledby={headingId} className="border-b border-border">
                  <h2 className="sticky left-0 z-10 w-fit bg-background">
                    <button
                      id={headingId}
                      type="button"
                      aria-expanded={open}
                      onClick={() => toggle(group.key)}
                      className="flex items-center gap-1.5 px-2 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-ring"
                    >
                      {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
                      {group.name}{" "}
                      <span className="rounded-full bg-muted px-1.5 text-xs text-muted-foreground tabular-nums">
                        {group.rows.length}
                        <span className="sr-only"> {group.rows.length === 1 ? "record" : "records"}</span>
                      </span>
                    </button>
                  </h2>
                  {open && renderRows(group.rows, `${group.name} records`)}
                </section>
              );
            })
          ) : (
            renderRows(rows, `${view.name} records`)
          )}
          {query.hasNextPage && (
            <div className="sticky left-0 w-fit p-2">
              <Button variant="outline" size="sm" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {query.isFetchingNextPage ? "Loading…" : "Load more records"}
              </Button>
            </div>
          )}
        </div>
      </div>

      {unscheduledCount > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">
            {unscheduledCount} unscheduled {unscheduledCount === 1 ? "record" : "records"} (no {startField.name})
          </summary>
          <ul aria-label="Unscheduled records" className="mt-1 flex flex-wrap gap-1.5">
            {unscheduled.data!.rows.map((row) => (
              <li key={row.id} className="rounded-md border border-border px-2 py-0.5">
                {titleOf(row)}
              </li>
            ))}
            {unscheduledCount > unscheduled.data!.rows.length && <li className="px-2 py-0.5 text-muted-foreground">and {unscheduledCount - unscheduled.data!.rows.length} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
