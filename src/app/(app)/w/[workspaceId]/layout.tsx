import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { getWorkspace, requireUser } from "@/app/_lib/session";
import { AppHeader } from "../../_components/app-header";
import { CommandPalette, CommandPaletteButton } from "./_components/command-palette";
import { WorkspaceSidebar } from "./_components/workspace-sidebar";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspaceId: string }>;
}) {
  const { workspaceId } = await params;
  const user = await requireUser();
  const workspace = await getWorkspace(workspaceId);
  const caller = await api();
  const [{ workspaces }, outline] = await Promise.all([caller.workspace.list(), caller.workspace.outline({ workspaceId })]);
  const pages = [
    { label: "Bases", href: `/w/${workspaceId}` },
    { label: "Members", href: `/w/${workspaceId}/members` },
    ...(can(workspace.role, "connection.manage") ? [{ label: "Connections", href: `/w/${workspaceId}/connections` }] : []),
    ...(can(workspace.role, "token.manage") ? [{ label: "API tokens", href: `/w/${workspaceId}/settings/tokens` }] : []),
  ];
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} current={workspace} />
      <div className="flex w-full">
        {/* Beside the page from wide screens; on narrow ones the header's workspace links and the palette lead around. */}
        <aside aria-label="Workspace navigation" className="sticky top-0 hidden max-h-dvh w-60 shrink-0 overflow-y-auto border-r border-border p-3 lg:grid lg:content-start lg:gap-3">
          <CommandPaletteButton className="w-full justify-start text-muted-foreground" />
          <WorkspaceSidebar workspaceId={workspaceId} outline={outline} />
        </aside>
        <main className="mx-auto w-full min-w-0 max-w-7xl px-4 py-6 sm:px-6">
          <CommandPaletteButton className="mb-4 w-full justify-start text-muted-foreground lg:hidden" />
          {children}
        </main>
      </div>
      <CommandPalette workspaceId={workspaceId} outline={outline} pages={pages} />
    </>
  );
}
