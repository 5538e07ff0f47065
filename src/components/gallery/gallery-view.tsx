"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { FileText, ImageOff, X } from "lucide-react";
import Link from "next/link";
import { Dialog } from "radix-ui";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { FieldValue } from "@/components/fields/field-value";
import { Button, buttonVariants } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { useTRPC, useTRPCClient } from "@/trpc/react";
import { cardFields, type GalleryField, type GalleryRow, type GalleryTable, isImage, visibleFields } from "./gallery-cards";
import { clientError } from "@/trpc/client-error";
import { recordTitle } from "@/components/fields/row-label";
import { useTableRefresh } from "@/components/realtime/use-table-refresh";

/** Cards read per page. */
const PAGE_SIZE = 48;

type GalleryViewProps = {
  table: GalleryTable;
  view: { id: string; name: string; hiddenFields: string[]; config: Record<string, unknown> & { coverFieldId?: string; fieldOrder?: string[] } };
  /** May change the view's settings: choose the cover field. */
  canWriteView: boolean;
  /** May edit rows: a card's record links to its edit form on the table page. */
  canWriteRows: boolean;
  tableHref: string;
};

type Page = { rows: GalleryRow[]; nextCursor: string | null };


/**
 * A gallery over a view: a card per row with the first file of the cover
 * field as its picture, the primary field as its title and the next visible
 * fields, read a page at a time by keyset cursor as the list scrolls. A card
 * opens its record (read-only here; editors get a link to its edit form).
 */
export function GalleryView({ table, view, canWriteView, canWriteRows, tableHref }: GalleryViewProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const ids = useId();
  const [coverFieldId, setCoverFieldId] = useState(view.config.coverFieldId);
  const attachmentFields = table.fields.filter((f) => f.type === "attachment");
  const visible = useMemo(() => visibleFields(table, view), [table, view]);
  const shown = useMemo(() => cardFields(visible, table.primaryFieldId, coverFieldId), [visible, table.primaryFieldId, coverFieldId]);
  const [openRowId, setOpenRowId] = useState<string | null>(null);
  const [savingCover, setSavingCover] = useState(false);
  const [coverError, setCoverError] = useState<string | null>(null);

  const dataOptions = trpc.view.data.infiniteQueryOptions(
    { viewId: view.id, limit: PAGE_SIZE, fieldKey: "id" },
    { getNextPageParam: (last) => (last as unknown as Page).nextCursor ?? undefined },
  );
  const query = useInfiniteQuery(dataOptions);
  useTableRefresh(() => void queryClient.invalidateQueries({ queryKey: dataOptions.queryKey }));
  const rows = useMemo(() => (query.data?.pages ?? []).flatMap((page) => (page as unknown as Page).rows), [query.data]);
  const openRow = rows.find((r) => r.id === openRowId);

  // Reads the next page as the end of the list comes into view.
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    const node = end.current;
    if (!node || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: "400px" });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  async function chooseCover(fieldId: string) {
    setSavingCover(true);
    setCoverError(null);
    const { coverFieldId: _old, ...rest } = view.config;
    try {
      await client.view.update.mutate({ viewId: view.id, config: fieldId ? { ...rest, coverFieldId: fieldId } : rest });
      // The server picks each row's cover from the saved view: read the cards again, then show them with it.
      await queryClient.invalidateQueries({ queryKey: dataOptions.queryKey });
      setCoverFieldId(fieldId || undefined);
    } catch (error) {
      setCoverError(`Cover not changed: ${clientError(error).message}`);
    } finally {
      setSavingCover(false);
    }
  }

  const coverField = attachmentFields.find((f) => f.id === coverFieldId);

  return (
    <div className="grid min-h-0 grid-rows-[auto_minmax(0,1fr)] gap-3">
      <div className="flex flex-wrap items-end gap-3">
        {canWriteView ? (
          attachmentFields.length > 0 ? (
            <div className="grid gap-1.5">
              <Label htmlFor={`${ids}-cover`}>Cover field</Label>
              <Select
                id={`${ids}-cover`}
                value={coverField?.id ?? ""}
                disabled={savingCover}
                onChange={(e) => void chooseCover(e.target.value)}
                className="w-56"
              >
                <option value="">No cover</option>
                {attachmentFields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </Select>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Add an attachment field to give the cards a cover.</p>
          )
        ) : coverField ? (
          <p className="text-sm text-muted-foreground">Cover: {coverField.name}</p>
        ) : null}
        <div aria-live="polite" className="text-sm">
          {coverError ? (
            <p role="alert" className="text-destructive">
              {coverError}
            </p>
          ) : null}
        </div>
      </div>

      <div className="min-h-0 overflow-y-auto pb-4">
        {query.isPending ? (
          <p className="text-sm text-muted-foreground">Loading cards…</p>
        ) : query.isError ? (
          <p role="alert" className="text-sm text-destructive">
            Cards could not be loaded: {clientError(query.error).message}
          </p>
        ) : rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No records in this view.</p>
        ) : (
          <ul aria-label={`${view.name} cards`} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
            {rows.map((row) => (
              <li key={row.id} data-row-id={row.id}>
                <GalleryCard row={row} title={recordTitle(row, table.primaryFieldId)} fields={shown} hasCover={coverField !== undefined} onOpen={() => setOpenRowId(row.id)} />
              </li>
            ))}
          </ul>
        )}
        <div ref={end} className="flex justify-center pt-4">
          {query.hasNextPage ? (
            <Button type="button" variant="outline" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? "Loading more…" : "Load more"}
            </Button>
          ) : null}
          {query.isFetchNextPageError ? (
            <p role="alert" className="text-sm text-destructive">
              More cards could not be loaded: {clientError(query.error).message}
            </p>
          ) : null}
        </div>
      </div>

      <RecordDialog
        row={openRow}
        title={openRow ? recordTitle(openRow, table.primaryFieldId) : ""}
        fields={visible}
        editHref={canWriteRows && openRow ? `${tableHref}?${new URLSearchParams({ edit: openRow.id })}#edit-row` : undefined}
        onClose={() => setOpenRowId(null)}
      />
    </div>
  );
}

type GalleryCardProps = { row: GalleryRow; title: string; fields: GalleryField[]; hasCover: boolean; onOpen: () => void };

function GalleryCard({ row, title, fields, hasCover, onOpen }: GalleryCardProps) {
  const cover = row.cover ?? null;
  // The title's button covers the whole card (a button may not hold the field list).
  return (
    <article
      aria-label={title}
      className="relative grid overflow-hidden rounded-lg border bg-background text-sm shadow-sm transition-shadow hover:shadow-md has-[button:focus-visible]:outline-2 has-[button:focus-visible]:outline-offset-2 has-[button:focus-visible]:outline-ring"
    >
      {hasCover ? (
        <div className="flex aspect-[4/3] items-center justify-center bg-muted">
          {cover && isImage(cover) ? (
            // A plain img: the files API serves it in the viewer's session; nothing for an image optimizer to do.
            <img src={cover.url} alt={cover.name} loading="lazy" className="size-full object-cover" />
          ) : cover ? (
            <span className="flex flex-col items-center gap-1 px-3 text-center text-xs text-muted-foreground">
              <FileText aria-hidden className="size-8" />
              <span className="line-clamp-2 break-all">{cover.name}</span>
            </span>
          ) : (
            <span className="flex flex-col items-center gap-1 text-xs text-muted-foreground">
              <ImageOff aria-hidden className="size-8" />
              No cover
            </span>
          )}
        </div>
      ) : null}
      <div className="grid gap-1.5 p-3">
        <h3 className="truncate font-medium">
          <button type="button" onClick={onOpen} className="text-left outline-none after:absolute after:inset-0 after:content-['']">
            {title}
          </button>
        </h3>
        {fields.length > 0 ? (
          <dl className="grid gap-1">
            {fields.map((field) => (
              <div key={field.id} className="grid min-w-0 gap-0.5">
                <dt className="truncate text-xs text-muted-foreground">{field.name}</dt>
                <dd className="min-h-5 min-w-0 truncate">
                  <FieldValue field={field} value={row.fields[field.id]} />
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
      </div>
    </article>
  );
}

type RecordDialogProps = { row: GalleryRow | undefined; title: string; fields: GalleryField[]; editHref?: string; onClose: () => void };

/** A record's visible fields, read-only; editing happens in the table's row form. */
function RecordDialog({ row, title, fields, editHref, onClose }: RecordDialogProps) {
  return (
    <Dialog.Root open={row !== undefined} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content className="fixed inset-x-2 top-[5dvh] z-50 mx-auto grid max-h-[90dvh] max-w-2xl grid-rows-[auto_minmax(0,1fr)_auto] gap-4 rounded-xl border bg-background p-5 shadow-lg focus:outline-none">
          <div className="flex items-start justify-between gap-3">
            <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
            <Dialog.Close asChild>
              <Button variant="ghost" size="icon" aria-label="Close">
                <X aria-hidden />
              </Button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">The record&apos;s fields in this view</Dialog.Description>
          {row ? (
            <dl className="grid content-start gap-3 overflow-y-auto">
              {fields.map((field) => (
                <div key={field.id} className="grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
                  <dt className="text-sm text-muted-foreground">{field.name}</dt>
                  <dd className="min-w-0 break-words text-sm">
                    <FieldValue field={field} value={row.fields[field.id]} />
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {editHref ? (
            <div>
              <Link href={editHref} className={buttonVariants({ variant: "outline" })}>
                Edit in the table
              </Link>
            </div>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
