"use client";

import { Button } from "@/components/ui/button";

// Shown when a page throws something unexpected; the server logged the details.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="max-w-sm text-muted-foreground">The page could not be loaded. Try again in a moment.</p>
      <div className="flex gap-2">
        <Button onClick={reset}>Try again</Button>
        <Button asChild variant="outline">
          {/* A plain link: a full reload, in case the client state is what broke. */}
          <a href="/w">Your workspaces</a>
        </Button>
      </div>
    </main>
  );
}
