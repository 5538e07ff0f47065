import Link from "next/link";
import { LogOut } from "lucide-react";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";
import type { Role } from "@/lib/roles";
import { signOutAction } from "../actions";
import { UserMenu } from "./user-menu";
import { WorkspaceNav } from "./workspace-nav";
import { WorkspaceSwitcher } from "./workspace-switcher";

type Workspace = { id: string; name: string; role: Role };

type AppHeaderProps = {
  user: { name: string; email: string };
  workspaces: Workspace[];
  /** The workspace being shown, if any: adds the switcher and the workspace's navigation. */
  current?: Workspace;
};

export function AppHeader({ user, workspaces, current }: AppHeaderProps) {
  return (
    <header className="border-b border-border bg-background">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 sm:px-6">
        <Link href="/w" className="flex items-center rounded-md" aria-label="Tessera: your workspaces">
          <Logo compact />
        </Link>
        {current ? (
          <>
            <span aria-hidden className="text-lg text-border">
              /
            </span>
            <WorkspaceSwitcher workspaces={workspaces} current={current} />
          </>
        ) : null}
        <div className="ml-auto flex items-center gap-1">
          <form action={signOutAction}>
            <Button type="submit" variant="ghost" size="sm">
              <LogOut aria-hidden />
              <span className="sr-only sm:not-sr-only">Sign out</span>
            </Button>
          </form>
          <UserMenu name={user.name} email={user.email} />
        </div>
      </div>
      {current ? <WorkspaceNav workspaceId={current.id} role={current.role} /> : null}
    </header>
  );
}
