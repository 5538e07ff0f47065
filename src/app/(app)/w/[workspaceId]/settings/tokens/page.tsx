import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { roleLabels } from "@/lib/roles";
import { api } from "@/trpc/server";
import { getWorkspace } from "@/app/_lib/session";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeTokenForm } from "./_components/revoke-token-form";

export const metadata: Metadata = { title: "API tokens" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

function DateCell({ date, empty }: { date: Date | null; empty: string }) {
  return date ? <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time> : <>{empty}</>;
}

export default async function TokensPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const workspace = await getWorkspace(workspaceId);

  if (!can(workspace.role, "token.manage")) {
    return (
      <div className="grid gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="text-muted-foreground">Only owners and admins of {workspace.name} can manage API tokens.</p>
      </div>
    );
  }

  const { tokens } = await (await api()).token.list({ workspaceId });

  return (
    <div className="grid grid-cols-1 gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 max-w-2xl text-sm text-muted-foreground">
          A token lets a script or another system use the REST API as this workspace, with the role you give it. Send
          it as <code className="rounded bg-muted px-1 py-0.5 text-xs">Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>New token</CardTitle>
          <CardDescription>Its role can be at most your own ({roleLabels[workspace.role]}).</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateTokenForm workspaceId={workspaceId} actorRole={workspace.role} />
        </CardContent>
      </Card>

      {tokens.length === 0 ? (
        <div className="flex flex-col items-center rounded-lg border border-dashed border-border px-6 py-12 text-center">
          <KeyRound aria-hidden className="size-8 text-muted-foreground" />
          <p className="mt-3 font-medium">No API tokens</p>
        </div>
      ) : (
        <div className="relative overflow-x-auto rounded-lg border border-border">
          <table className="w-full min-w-[40rem] text-sm">
            <caption className="sr-only">API tokens of {workspace.name}</caption>
            <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">Name</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Role</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Created by</th>
                <th scope="col" className="px-4 py-2.5 font-medium">Last used</th>
                <th scope="col" className="px-4 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {tokens.map((token) => (
                <tr key={token.id} className="align-top">
                  <th scope="row" className="px-4 py-3 text-left font-medium">
                    {token.name}
                  </th>
                  <td className="px-4 py-3">{roleLabels[token.role]}</td>
                  <td className="px-4 py-3 text-muted-foreground">
                    {token.createdBy.name}
                    <span className="block text-xs">
                      <DateCell date={token.createdAt} empty="" />
                    </span>
                  </td>
                  <td className="px-4 py-3 text-muted-foreground">
                    <DateCell date={token.lastUsedAt} empty="Never" />
                  </td>
                  <td className="px-4 py-2 text-right">
                    <RevokeTokenForm workspaceId={workspaceId} token={token} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
