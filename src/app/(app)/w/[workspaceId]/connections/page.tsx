import type { Metadata } from "next";
import Link from "next/link";
import { Cable, Plus } from "lucide-react";
import { ConnectionDialog } from "@/components/connections/connection-dialog";
import { kindLabels } from "@/components/connections/connection-draft";
import { DeleteConnectionButton } from "@/components/connections/delete-connection-button";
import { TestConnectionButton } from "@/components/connections/test-connection-button";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { getWorkspace } from "@/app/_lib/session";
import { ConnectionStatus } from "./_components/connection-status";
import { ManagersOnly } from "./_components/managers-only";

export const metadata: Metadata = { title: "Connections" };

export default async function ConnectionsPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const workspace = await getWorkspace(workspaceId);
  if (!can(workspace.role, "connection.manage")) return <ManagersOnly workspaceName={workspace.name} />;

  const { connections } = await (await api()).connection.list({ workspaceId });

  return (
    <div className="grid grid-cols-1 gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Connections</h1>
          <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
            PostgreSQL, MySQL / MariaDB and MongoDB databases this workspace reads. Browse their tables, then add them to a base to build views on
            them.
          </p>
        </div>
        <ConnectionDialog workspaceId={workspaceId}>
          <Button>
            <Plus aria-hidden />
            New connection
          </Button>
        </ConnectionDialog>
      </div>

      {connections.length === 0 ? (
        <div className="flex flex-col items-center rounded-lg border border-dashed border-border px-6 py-12 text-center">
          <Cable aria-hidden className="size-8 text-muted-foreground" />
          <p className="mt-3 font-medium">No connections yet</p>
          <p className="mt-1 max-w-sm text-sm text-muted-foreground">Connect a database to browse its tables here.</p>
        </div>
      ) : (
        <ul aria-label="Connections" className="grid gap-3">
          {connections.map((connection) => (
            <li
              key={connection.id}
              aria-labelledby={`connection-${connection.id}`}
              className="grid gap-3 rounded-lg border border-border p-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,14rem)_auto] sm:items-start"
            >
              <div className="grid min-w-0 gap-1">
                <h2 id={`connection-${connection.id}`} className="flex flex-wrap items-center gap-2 font-medium">
                  <Link href={`/w/${workspaceId}/connections/${connection.id}`} className="underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                    {connection.name}
                  </Link>
                  {connection.readOnly ? (
                    <span className="rounded border border-border bg-muted px-1.5 py-0.5 text-xs font-normal text-muted-foreground">Read-only</span>
                  ) : null}
                </h2>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
                  <dt className="text-muted-foreground">Kind</dt>
                  <dd>{kindLabels[connection.kind]}</dd>
                  <dt className="text-muted-foreground">Host</dt>
                  <dd className="break-all">
                    {connection.host}
                    {connection.port ? `:${connection.port}` : ""}
                  </dd>
                  <dt className="text-muted-foreground">Database</dt>
                  <dd className="break-all">{connection.database ?? "—"}</dd>
                </dl>
              </div>
              <ConnectionStatus connection={connection} />
              <div className="flex flex-wrap items-start gap-1 sm:justify-end">
                <Button asChild variant="outline" size="sm">
                  <Link href={`/w/${workspaceId}/connections/${connection.id}`}>
                    Browse<span className="sr-only"> {connection.name}</span>
                  </Link>
                </Button>
                <ConnectionDialog workspaceId={workspaceId} connection={connection}>
                  <Button variant="ghost" size="sm">
                    Edit<span className="sr-only"> {connection.name}</span>
                  </Button>
                </ConnectionDialog>
                <DeleteConnectionButton connection={connection} />
                <TestConnectionButton connection={connection} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
