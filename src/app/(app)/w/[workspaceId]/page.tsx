import type { Metadata } from "next";
import { Database } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { api } from "@/trpc/server";
import { getWorkspace } from "@/app/_lib/session";
import { BaseCard } from "./_components/base-card";
import { CreateBaseForm } from "./_components/create-base-form";

export const metadata: Metadata = { title: "Bases" };

export default async function BasesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const workspace = await getWorkspace(workspaceId);
  const { bases } = await (await api()).base.list({ workspaceId });
  const canAlter = can(workspace.role, "base.alter");

  return (
    <div className="grid grid-cols-1 gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Bases</h1>
        <p className="mt-1 text-sm text-muted-foreground">Each base groups related tables.</p>
      </div>

      {canAlter ? (
        <Card>
          <CardHeader>
            <CardTitle>New base</CardTitle>
          </CardHeader>
          <CardContent>
            <CreateBaseForm workspaceId={workspaceId} />
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="bases-heading">
        <h2 id="bases-heading" className="sr-only">
          All bases
        </h2>
        {bases.length === 0 ? (
          <div className="flex flex-col items-center rounded-lg border border-dashed border-border px-6 py-12 text-center">
            <Database aria-hidden className="size-8 text-muted-foreground" />
            <p className="mt-3 font-medium">No bases yet</p>
            <p className="mt-1 max-w-sm text-sm text-muted-foreground">
              {canAlter
                ? "Create the first one above."
                : "An owner or admin of this workspace can create one."}
            </p>
          </div>
        ) : (
          <ul aria-label="Bases" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {bases.map((base) => (
              <li key={base.id}>
                <BaseCard base={base} canAlter={canAlter} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
