import Link from "next/link";
import { Button } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-medium text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="max-w-sm text-muted-foreground">
        This page does not exist, or it belongs to a workspace you are not a member of.
      </p>
      <Button asChild variant="outline">
        <Link href="/w">Your workspaces</Link>
      </Button>
    </main>
  );
}
