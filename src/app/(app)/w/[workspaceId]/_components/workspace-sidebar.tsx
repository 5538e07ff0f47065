"use client";

import { ChevronDown, ChevronRight, Database, Table2 } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/lib/utils";
import { basePath, tablePath } from "@/app/_lib/paths";
import { viewIcons } from "../b/[baseId]/t/[tableId]/_components/view-tabs";
import type { Outline } from "./outline-links";

type SidebarProps = { workspaceId: string; outline: Outline };

const linkClass = (active: boolean) =>
  cn(
    "flex min-w-0 flex-1 items-center gap-1.5 rounded-md px-2 py-1 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
    active ? "bg-accent font-medium text-accent-foreground" : "text-muted-foreground",
  );

/**
 * The workspace's bases, their tables and each table's views as a tree.
 * The base and table of the open page start expanded; the others fold.
 */
export function WorkspaceSidebar({ workspaceId, outline }: SidebarProps) {
  const pathname = usePathname();
  return (
    <nav aria-label="Bases and tables" className="grid gap-1 text-sm">
      {outline.bases.length === 0 ? <p className="px-2 text-muted-foreground">No bases yet.</p> : null}
      <ul className="grid gap-1">
        {outline.bases.map((base) => {
          const href = basePath(workspaceId, base.id);
          return (
            <Branch key={base.id} open={pathname.startsWith(href)} label={base.name} href={href} active={pathname === href} icon={<Database aria-hidden className="size-4 shrink-0" />}>
              {base.tables.length === 0 ? <li className="px-2 py-1 text-xs text-muted-foreground">No tables</li> : null}
              {base.tables.map((table) => {
                const path = tablePath(workspaceId, base.id, table.id);
                return (
                  <Branch key={table.id} open={pathname.startsWith(path)} label={table.name} href={path} active={pathname === path} icon={<Table2 aria-hidden className="size-4 shrink-0" />}>
                    {table.views.map((view) => {
                      const Icon = viewIcons[view.type];
                      const viewHref = `${path}/v/${view.id}`;
                      return (
                        <li key={view.id}>
                          <Link href={viewHref} aria-current={pathname === viewHref ? "page" : undefined} className={linkClass(pathname === viewHref)}>
                            <Icon aria-hidden className="size-4 shrink-0" />
                            <span className="truncate">{view.name}</span>
                          </Link>
                        </li>
                      );
                    })}
                  </Branch>
                );
              })}
            </Branch>
          );
        })}
      </ul>
    </nav>
  );
}

type BranchProps = { open: boolean; label: string; href: string; active: boolean; icon: React.ReactNode; children: React.ReactNode };

function Branch({ open: initiallyOpen, label, href, active, icon, children }: BranchProps) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <li>
      <div className="flex items-center">
        <button
          type="button"
          aria-expanded={open}
          aria-label={`${open ? "Fold" : "Unfold"} ${label}`}
          onClick={() => setOpen(!open)}
          className="rounded p-0.5 text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          {open ? <ChevronDown aria-hidden className="size-4" /> : <ChevronRight aria-hidden className="size-4" />}
        </button>
        <Link href={href} aria-current={active ? "page" : undefined} className={linkClass(active)}>
          {icon}
          <span className="truncate">{label}</span>
        </Link>
      </div>
      {open ? <ul className="ml-4 grid gap-0.5 border-l border-border pl-1">{children}</ul> : null}
    </li>
  );
}
