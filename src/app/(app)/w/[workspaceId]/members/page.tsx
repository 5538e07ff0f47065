import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { roleLabels } from "@/lib/roles";
import { api } from "@/trpc/server";
import { getWorkspace, requireUser } from "@/app/_lib/session";
import { AddMemberForm } from "./_components/add-member-form";
import { MemberRoleForm } from "./_components/member-role-form";
import { RemoveMemberForm } from "./_components/remove-member-form";
import { mayManage } from "./_components/role-options";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const user = await requireUser();
  const workspace = await getWorkspace(workspaceId);
  const { members } = await (await api()).member.list({ workspaceId });
  const canManage = can(workspace.role, "member.manage");

  return (
    <div className="grid grid-cols-1 gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {members.length} {members.length === 1 ? "person has" : "people have"} access to {workspace.name}.
        </p>
      </div>

      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Add member</CardTitle>
            <CardDescription>They need a Tessera account with this email.</CardDescription>
          </CardHeader>
          <CardContent>
            <AddMemberForm workspaceId={workspaceId} actorRole={workspace.role} />
          </CardContent>
        </Card>
      ) : null}

      <div className="relative overflow-x-auto rounded-lg border border-border">
        <table className="w-full min-w-[32rem] text-sm">
          <caption className="sr-only">Members of {workspace.name}</caption>
          <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
            <tr>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                Email
              </th>
              <th scope="col" className="px-4 py-2.5 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2.5 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {members.map((member) => {
              const self = member.userId === user.id;
              const manageable = mayManage(workspace.role, member.role);
              return (
                <tr key={member.userId} className="align-top">
                  <th scope="row" className="px-4 py-3 text-left font-normal">
                    <span className="font-medium">{member.name}</span>
                    {self ? <span className="ml-1.5 text-xs text-muted-foreground">(you)</span> : null}
                    <span className="block text-muted-foreground md:hidden">{member.email}</span>
                  </th>
                  <td className="hidden px-4 py-3 text-muted-foreground md:table-cell">{member.email}</td>
                  <td className="px-4 py-2">
                    {manageable ? (
                      <MemberRoleForm workspaceId={workspaceId} member={member} actorRole={workspace.role} />
                    ) : (
                      <span className="inline-flex h-9 items-center">{roleLabels[member.role]}</span>
                    )}
                  </td>
                  <td className="px-4 py-2 text-right">
                    {self || manageable ? (
                      <RemoveMemberForm workspaceId={workspaceId} member={member} self={self} />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
