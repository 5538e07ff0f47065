import type { Metadata } from "next";
import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { roleLabels } from "@/lib/roles";
import { api } from "@/trpc/server";
import { requireUser } from "@/app/_lib/session";
import { AppHeader } from "../_components/app-header";
import { CreateWorkspaceForm } from "./_components/create-workspace-form";

export const metadata: Metadata = { title: "Workspaces" };

export default async function WorkspacesPage() {
  const user = await requireUser();
  const { workspaces } = await (await api()).workspace.list();

  return (
    <>
      <AppHeader user={user} workspaces={workspaces} />
      <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
        {workspaces.length === 0 ? (
          <Card className="mx-auto max-w-md">
            <CardHeader>
              <h1 className="text-xl font-semibold">Create your first workspace</h1>
              <CardDescription>
                A workspace holds your bases and the people you work with. You can invite them next.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreateWorkspaceForm autoFocus />
            </CardContent>
          </Card>
        ) : (
          <div className="grid grid-cols-1 gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
            <section aria-labelledby="workspaces-heading">
              <h1 id="workspaces-heading" className="text-2xl font-semibold tracking-tight">
                Your workspaces
              </h1>
              <ul className="mt-6 grid gap-3 sm:grid-cols-2">
                {workspaces.map((workspace) => (
                  <li key={workspace.id}>
                    <Link
                      href={`/w/${workspace.id}`}
                      className="group flex items-center gap-3 rounded-lg border border-border p-4 shadow-sm transition-colors hover:bg-muted"
                    >
                      <span
                        aria-hidden
                        className="flex size-10 shrink-0 items-center justify-center rounded-md bg-primary/10 font-semibold text-primary"
                      >
                        {workspace.name.trim().charAt(0).toUpperCase()}
                      </span>
                      <span className="min-w-0 flex-1">
                        <span className="block truncate font-medium">{workspace.name}</span>
                        <span className="block text-sm text-muted-foreground">{roleLabels[workspace.role]}</span>
                      </span>
                      <ChevronRight aria-hidden className="size-4 text-muted-foreground group-hover:text-foreground" />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
            <Card id="create-workspace" className="h-fit scroll-mt-6">
              <CardHeader>
                <CardTitle>New workspace</CardTitle>
                <CardDescription>You will be its owner.</CardDescription>
              </CardHeader>
              <CardContent>
                <CreateWorkspaceForm />
              </CardContent>
            </Card>
          </div>
        )}
      </main>
    </>
  );
}
