import type { ViewType } from "@/lib/views/view-type";
// A type only (erased from the bundle): the shape the outline procedure answers.
import type { WorkspaceOutline } from "@/server/services/workspaces/workspace-outline";
import { basePath, tablePath } from "@/app/_lib/paths";

export type Outline = WorkspaceOutline;

export type OutlineLink = { kind: "base" | "table" | "view"; id: string; label: string; context: string; href: string; viewType?: ViewType };

/** Every place of the outline a person can go, with where it is (the palette's entries). */
export function outlineLinks(workspaceId: string, outline: Outline): OutlineLink[] {
  const links: OutlineLink[] = [];
  for (const base of outline.bases) {
    links.push({ kind: "base", id: base.id, label: base.name, context: "Base", href: basePath(workspaceId, base.id) });
    for (const table of base.tables) {
      const path = tablePath(workspaceId, base.id, table.id);
      links.push({ kind: "table", id: table.id, label: table.name, context: base.name, href: path });
      for (const view of table.views) {
        links.push({ kind: "view", id: view.id, label: view.name, context: `${base.name} › ${table.name}`, href: `${path}/v/${view.id}`, viewType: view.type });
      }
    }
  }
  return links;
}
