"use client";

import { Command } from "cmdk";
import { Database, Search, Table2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { Dialog as Primitive } from "radix-ui";
import { useEffect, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { viewIcons } from "../b/[baseId]/t/[tableId]/_components/view-tabs";
import { type Outline, outlineLinks } from "./outline-links";

type CommandPaletteProps = { workspaceId: string; outline: Outline; pages: Array<{ label: string; href: string }> };

const groups = [
  { kind: "view", heading: "Views" },
  { kind: "table", heading: "Tables" },
  { kind: "base", heading: "Bases" },
] as const;

/** Asks the palette to open (it is rendered once per page; buttons for it may be anywhere). */
const openEvent = "tessera:open-command-palette";

export function CommandPaletteButton({ className }: { className?: string }) {
  return (
    <Button variant="outline" size="sm" onClick={() => window.dispatchEvent(new Event(openEvent))} className={className} aria-keyshortcuts="Control+K Meta+K">
      <Search aria-hidden /> Jump to… <kbd className="ml-auto rounded border border-border px-1 text-[10px]">Ctrl K</kbd>
    </Button>
  );
}

/** Ctrl/Cmd+K: jump to any base, table, view or workspace page by typing part of its name. */
export function CommandPalette({ workspaceId, outline, pages }: CommandPaletteProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const links = useMemo(() => outlineLinks(workspaceId, outline), [workspaceId, outline]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey) && !event.altKey) {
        event.preventDefault();
        setOpen((was) => !was);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener("keydown", onKey);
    window.addEventListener(openEvent, onOpen);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener(openEvent, onOpen);
    };
  }, []);

  const go = (href: string) => {
    setOpen(false);
    router.push(href);
  };

  return (
    <Primitive.Root open={open} onOpenChange={setOpen}>
        <Primitive.Portal>
          <Primitive.Overlay className="fixed inset-0 z-50 bg-black/30" />
          <Primitive.Content aria-describedby={undefined} className="fixed top-[15dvh] left-1/2 z-50 w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg border border-border bg-background shadow-xl">
            <Primitive.Title className="sr-only">Jump to</Primitive.Title>
            <Command label="Jump to" className="grid">
              <Command.Input placeholder="A base, table or view…" className="h-11 border-b border-border bg-transparent px-3 text-sm outline-none" />
              <Command.List className="max-h-[min(24rem,60dvh)] overflow-auto p-1">
                <Command.Empty className="p-3 text-sm text-muted-foreground">Nothing by that name.</Command.Empty>
                {groups.map(({ kind, heading }) => (
                  <Command.Group key={kind} heading={heading} className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted-foreground">
                    {links
                      .filter((link) => link.kind === kind)
                      .map((link) => {
                        const Icon = link.kind === "view" ? viewIcons[link.viewType!] : link.kind === "table" ? Table2 : Database;
                        return (
                          <Command.Item
                            key={link.id}
                            value={`${link.label} ${link.context} ${link.id}`}
                            onSelect={() => go(link.href)}
                            className="flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm data-[selected=true]:bg-muted"
                          >
                            <Icon aria-hidden className="size-4 shrink-0" />
                            <span className="truncate">{link.label}</span>
                            <span className="ml-auto truncate text-xs text-muted-foreground">{link.context}</span>
                          </Command.Item>
                        );
                      })}
                  </Command.Group>
                ))}
                <Command.Group heading="Workspace" className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted-foreground">
                  {pages.map((page) => (
                    <Command.Item key={page.href} value={page.label} onSelect={() => go(page.href)} className="flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm data-[selected=true]:bg-muted">
                      {page.label}
                    </Command.Item>
                  ))}
                </Command.Group>
              </Command.List>
            </Command>
          </Primitive.Content>
        </Primitive.Portal>
    </Primitive.Root>
  );
}
