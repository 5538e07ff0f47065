import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { kindLabels } from "@/components/connections/connection-draft";
import { SchemaBrowser } from "@/components/connections/schema-browser";
import { can } from "@/lib/permissions";
import { toAppError } from "@/server/api/trpc";
import { api } from "@/trpc/server";
import { getWorkspace } from "@/app/_lib/session";
import { ConnectionStatus } from "../_components/connection-status";
import { ManagersOnly } from "../_components/managers-only";

export const metadata: Metadata = { title: "Connection" };

export default async function ConnectionPage({ params }: { params: Promise<{ workspaceId: string; connectionId: string }> }) {
  const { workspaceId, connectionId } = await params;
  const workspace = await getWorkspace(workspaceId);
  if (!can(workspace.role, "connection.manage")) return <ManagersOnly workspaceName={workspace.name} />;

  const caller = await api();
  const connection = await caller.connection.get({ connectionId }).catch((error: unknown) => {
    const code = toAppError(error).code;
    if (code === "NOT_FOUND" || code === "BAD_REQUEST" || code === "FORBIDDEN") notFound();
    throw error;
  });
  // The connection's own workspace decides access; a link under another workspace's address is simply wrong.
  if (connection.workspaceId !== workspaceId) notFound();
  const { bases } = await caller.base.list({ workspaceId });

  return (
    <div className="grid grid-cols-1 gap-6">
      <div className="grid gap-2">
        <Link href={`/w/${workspaceId}/connections`} className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
          <ChevronLeft aria-hidden className="size-4" />
          Connections
        </Link>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
              {connection.name}
              {connection.readOnly ? (
                <span className="rounded border border-border bg-muted px-1.5 py-0.5 text-xs font-normal text-muted-foreground">Read-only</span>
              ) : null}
            </h1>
            <p className="mt-1 break-all text-sm text-muted-foreground">
              {kindLabels[connection.kind]} · {connection.host}
              {connection.port ? `:${connection.port}` : ""}
              {connection.database ? ` / ${connection.database}` : ""}
            </p>
          </div>
          <ConnectionStatus connection={connection} />
        </div>
      </div>
      <SchemaBrowser workspaceId={workspaceId} connectionId={connectionId} bases={bases.map((base) => ({ id: base.id, name: base.name }))} />
    </div>
  );
}
