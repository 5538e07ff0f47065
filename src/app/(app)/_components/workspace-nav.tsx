"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { can } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { cn } from "@/lib/utils";

export function WorkspaceNav({ workspaceId, role }: { workspaceId: string; role: Role }) {
  const pathname = usePathname();
  const base = `/w/${workspaceId}`;
  const links = [
    { href: base, label: "Bases" },
    { href: `${base}/members`, label: "Members" },
    ...(can(role, "connection.manage") ? [{ href: `${base}/connections`, label: "Connections" }] : []),
    ...(can(role, "token.manage") ? [{ href: `${base}/settings/tokens`, label: "API tokens" }] : []),
  ];
  return (
    <nav aria-label="Workspace" className="mx-auto max-w-6xl overflow-x-auto px-2 sm:px-4">
      <ul className="flex gap-1">
        {links.map((link) => {
          const active = link.href === base ? pathname === base : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "relative inline-flex h-10 items-center whitespace-nowrap rounded-t-md px-3 text-sm text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring",
                  active && "font-medium text-foreground after:absolute after:inset-x-2 after:bottom-0 after:h-0.5 after:rounded-full after:bg-primary",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
