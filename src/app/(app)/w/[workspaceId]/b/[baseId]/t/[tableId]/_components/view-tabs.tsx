"use client";

import { DndContext, type DragEndEvent, PointerSensor, useDraggable, useDroppable, useSensor, useSensors } from "@dnd-kit/core";
import { Calendar, ChartGantt, Columns3, FileText, GalleryHorizontal, MoreHorizontal, Plus, Sheet } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { viewTypeRegistry } from "@/lib/views/registry";
import { type ViewType, viewTypes } from "@/lib/views/view-type";
import { cn } from "@/lib/utils";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

type TabView = { id: string; name: string; type: ViewType };
type TabField = { id: string; name: string; type: string };
type ViewTabsProps = {
  tableId: string;
  /** The table's page; a view is at `${tablePath}/v/{id}`. */
  tablePath: string;
  views: TabView[];
  currentViewId: string;
  fields: TabField[];
  canWriteView: boolean;
};

export const viewIcons: Record<ViewType, typeof Sheet> = {
  grid: Sheet,
  kanban: Columns3,
  calendar: Calendar,
  timeline: ChartGantt,
  gallery: GalleryHorizontal,
  form: FileText,
};

/**
 * The table's views as tabs: open one, and for those who may change views,
 * create one of any type (asking for the fields it is set up with), rename,
 * duplicate, delete and reorder (drag a tab, or "Move left/right").
 */
export function ViewTabs({ tableId, tablePath, views, currentViewId, fields, canWriteView }: ViewTabsProps) {
  const client = useTRPCClient();
  const router = useRouter();
  const [dialog, setDialog] = useState<{ kind: "create" } | { kind: "rename" | "delete"; view: TabView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Pointer only: Enter on a tab opens it; the keyboard reorders through "Move left/right".
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  const run = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(clientError(e).message);
    }
  };

  const moveView = (from: number, to: number) =>
    run(async () => {
      if (to < 0 || to >= views.length || from === to) return;
      const order = [...views];
      const [moved] = order.splice(from, 1);
      order.splice(to, 0, moved!);
      // Positions are the new indexes; only the views whose index changed are written.
      for (const [position, view] of order.entries()) if (views[position]?.id !== view.id) await client.view.update.mutate({ viewId: view.id, position });
      router.refresh();
    });

  const duplicate = (view: TabView) =>
    run(async () => {
      const source = await client.view.get.query({ viewId: view.id });
      const copy = await client.view.create.mutate({
        tableId,
        name: `${source.name} copy`.slice(0, 100),
        type: source.type,
        filter: source.filter as never,
        sort: source.sort,
        groupBy: source.groupBy,
        hiddenFields: source.hiddenFields,
        config: source.config,
      });
      router.push(`${tablePath}/v/${copy.id}`);
      router.refresh();
    });

  const onDragEnd = (event: DragEndEvent) => {
    const from = views.findIndex((v) => v.id === event.active.id);
    const to = views.findIndex((v) => `drop:${v.id}` === event.over?.id);
    if (from >= 0 && to >= 0) void moveView(from, to);
  };

  return (
    <div className="grid gap-1">
      <DndContext sensors={sensors} onDragEnd={onDragEnd}>
        <nav aria-label="Views">
          <ul className="flex flex-wrap items-center gap-1">
            {views.map((view, index) => (
              <ViewTab
                key={view.id}
                view={view}
                href={`${tablePath}/v/${view.id}`}
                current={view.id === currentViewId}
                canWriteView={canWriteView}
                isFirst={index === 0}
                isLast={index === views.length - 1}
                onlyView={views.length === 1}
                onRename={() => setDialog({ kind: "rename", view })}
                onDuplicate={() => void duplicate(view)}
                onDelete={() => setDialog({ kind: "delete", view })}
                onMove={(by) => void moveView(index, index + by)}
              />
            ))}
            {canWriteView ? (
              <li>
                <Button variant="ghost" size="sm" onClick={() => setDialog({ kind: "create" })}>
                  <Plus aria-hidden /> New view
                </Button>
              </li>
            ) : null}
          </ul>
        </nav>
      </DndContext>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Dialog open={dialog !== null} onOpenChange={(open) => !open && setDialog(null)}>
        {dialog?.kind === "create" ? (
          <CreateViewDialog
            fields={fields}
            onCreate={async (input) => {
              const view = await client.view.create.mutate({ tableId, ...input });
              setDialog(null);
              router.push(`${tablePath}/v/${view.id}`);
              router.refresh();
            }}
          />
        ) : dialog?.kind === "rename" ? (
          <RenameViewDialog
            view={dialog.view}
            onRename={async (name) => {
              await client.view.update.mutate({ viewId: dialog.view.id, name });
              setDialog(null);
              router.refresh();
            }}
          />
        ) : dialog?.kind === "delete" ? (
          <DeleteViewDialog
            view={dialog.view}
            onDelete={async () => {
              await client.view.delete.mutate({ viewId: dialog.view.id });
              setDialog(null);
              const next = views.find((v) => v.id !== dialog.view.id);
              if (dialog.view.id === currentViewId && next) router.push(`${tablePath}/v/${next.id}`);
              router.refresh();
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

type ViewTabProps = {
  view: TabView;
  href: string;
  current: boolean;
  canWriteView: boolean;
  isFirst: boolean;
  isLast: boolean;
  onlyView: boolean;
  onRename: () => void;
  onDuplicate: () => void;
  onDelete: () => void;
  onMove: (by: -1 | 1) => void;
};

function ViewTab({ view, href, current, canWriteView, isFirst, isLast, onlyView, onRename, onDuplicate, onDelete, onMove }: ViewTabProps) {
  const Icon = viewIcons[view.type];
  const drag = useDraggable({ id: view.id, disabled: !canWriteView });
  const drop = useDroppable({ id: `drop:${view.id}` });
  return (
    <li
      ref={drop.setNodeRef}
      className={cn("flex items-center rounded-md", current ? "bg-accent text-accent-foreground" : "text-muted-foreground", drop.isOver && "ring-2 ring-primary/40", drag.isDragging && "opacity-50")}
    >
      {/* The link itself is the drag handle (a few pixels of movement first, so a click stays a click). */}
      <Link
        ref={drag.setNodeRef}
        href={href}
        aria-current={current ? "page" : undefined}
        {...(canWriteView ? drag.listeners : {})}
        className={cn("inline-flex items-center gap-1.5 rounded-md px-2.5 py-1 text-sm hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring", current && "font-medium")}
      >
        <Icon aria-hidden className="size-4" />
        {view.name}
      </Link>
      {canWriteView ? (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <button type="button" aria-label={`Options for view ${view.name}`} className="rounded-md p-1 hover:bg-accent focus-visible:outline-2 focus-visible:outline-ring">
              <MoreHorizontal aria-hidden className="size-4" />
            </button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            <DropdownMenuItem onSelect={onRename}>Rename</DropdownMenuItem>
            <DropdownMenuItem onSelect={onDuplicate}>Duplicate</DropdownMenuItem>
            <DropdownMenuItem disabled={isFirst} onSelect={() => onMove(-1)}>
              Move left
            </DropdownMenuItem>
            <DropdownMenuItem disabled={isLast} onSelect={() => onMove(1)}>
              Move right
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem disabled={onlyView} onSelect={onDelete} className="text-destructive">
              Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      ) : null}
    </li>
  );
}

type CreateInput = { name: string; type: ViewType; config: Record<string, string> };

/**
 * The fields a setting may name, the setting's preferred types first (a
 * kanban stacks by a single select before it stacks by text). A view type can
 * be created when the table has one for each setting it cannot do without.
 */
function candidates(fields: TabField[], types: readonly string[]) {
  return fields.filter((f) => types.includes(f.type)).sort((a, b) => types.indexOf(a.type) - types.indexOf(b.type));
}

function CreateViewDialog({ fields, onCreate }: { fields: TabField[]; onCreate: (input: CreateInput) => Promise<void> }) {
  const nameId = useId();
  const [type, setType] = useState<ViewType>("grid");
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const definition = viewTypeRegistry[type];
  const usable = (t: ViewType) => viewTypeRegistry[t].setup.every((s) => s.optional || candidates(fields, s.types).length > 0);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const config: Record<string, string> = {};
    for (const setting of definition.setup) {
      const chosen = picked[setting.key] ?? (setting.optional ? "" : (candidates(fields, setting.types)[0]?.id ?? ""));
      if (chosen) config[setting.key] = chosen;
    }
    setBusy(true);
    try {
      await onCreate({ name: name.trim() || definition.label, type, config });
    } catch (e) {
      setError(clientError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <DialogContent title="New view" description="Each view shows the table's rows its own way, with its own filters and sorts.">
      <form onSubmit={submit} className="grid gap-4">
        <fieldset className="grid gap-1">
          <legend className="mb-1 text-sm font-medium">Type</legend>
          {viewTypes.map((t) => {
            const Icon = viewIcons[t];
            const entry = viewTypeRegistry[t];
            const ok = usable(t);
            return (
              <label key={t} className={cn("flex items-start gap-2 rounded-md border border-border p-2 text-sm", type === t && "border-primary bg-primary/5", !ok && "opacity-60")}>
                <input type="radio" name="type" value={t} checked={type === t} disabled={!ok} onChange={() => setType(t)} className="mt-1" />
                <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
                <span>
                  <span className="font-medium">{entry.label}</span>
                  <span className="block text-muted-foreground">
                    {ok ? entry.description : `Needs a field of type ${entry.setup.find((s) => !s.optional && candidates(fields, s.types).length === 0)?.types.join(" or ")}`}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <div className="grid gap-1.5">
          <Label htmlFor={nameId}>Name</Label>
          <Input id={nameId} value={name} maxLength={100} placeholder={definition.label} onChange={(e) => setName(e.target.value)} />
        </div>
        {definition.setup.map((setting) => {
          const options = candidates(fields, setting.types);
          return (
            <div key={setting.key} className="grid gap-1.5">
              <Label htmlFor={`${nameId}-${setting.key}`}>{setting.label}</Label>
              <Select
                id={`${nameId}-${setting.key}`}
                value={picked[setting.key] ?? (setting.optional ? "" : (options[0]?.id ?? ""))}
                onChange={(e) => setPicked((old) => ({ ...old, [setting.key]: e.target.value }))}
              >
                {setting.optional ? <option value="">None</option> : null}
                {options.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </Select>
            </div>
          );
        })}
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit" disabled={busy || !usable(type)}>
            Create view
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}

function RenameViewDialog({ view, onRename }: { view: TabView; onRename: (name: string) => Promise<void> }) {
  const id = useId();
  const [name, setName] = useState(view.name);
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogContent title={`Rename ${view.name}`}>
      <form
        className="grid gap-4"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(null);
          try {
            await onRename(name.trim());
          } catch (e) {
            setError(clientError(e).message);
          }
        }}
      >
        <div className="grid gap-1.5">
          <Label htmlFor={id}>Name</Label>
          <Input id={id} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />
        </div>
        {error ? (
          <p role="alert" className="text-sm text-destructive">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end">
          <Button type="submit">Rename</Button>
        </div>
      </form>
    </DialogContent>
  );
}

function DeleteViewDialog({ view, onDelete }: { view: TabView; onDelete: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogContent title={`Delete ${view.name}?`} description="The rows stay; only this way of showing them goes. The audit log can bring the view back.">
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button
          variant="destructive"
          onClick={async () => {
            setError(null);
            try {
              await onDelete();
            } catch (e) {
              setError(clientError(e).message);
            }
          }}
        >
          Delete view
        </Button>
      </div>
    </DialogContent>
  );
}
