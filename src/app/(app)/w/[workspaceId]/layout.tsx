import { api } from "@/trpc/server";
import { getWorkspace, requireUser } from "@/app/_lib/session";
import { AppHeader } from "../../_components/app-header";

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
  const { workspaces } = await (await api()).workspace.list();
  return (
    <>
      <AppHeader user={user} workspaces={workspaces} current={workspace} />
      <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
