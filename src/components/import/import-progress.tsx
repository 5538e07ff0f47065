import { LoaderCircle } from "lucide-react";

/** An import's upload progress, then the wait while the server reads and checks the file. */
export function ImportProgress({ fraction }: { fraction: number }) {
  // Once the whole file is up, the server is still reading and checking it.
  const uploading = fraction < 1;
  return (
    <div className="grid gap-1.5">
      <span className="flex items-center gap-2 text-muted-foreground">
        <LoaderCircle aria-hidden className="size-3.5 animate-spin" />
        {uploading ? `Uploading… ${Math.round(fraction * 100)}%` : "Importing…"}
      </span>
      <span aria-hidden className="h-1.5 w-full max-w-sm overflow-hidden rounded-full bg-muted">
        <span className="block h-full bg-primary transition-[width]" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </span>
    </div>
  );
}
