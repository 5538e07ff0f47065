import { cn } from "@/lib/utils";

/** The wordmark: four tiles, one highlighted, and the name. */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <svg aria-hidden viewBox="0 0 24 24" className="size-6 shrink-0">
        <rect x="2" y="2" width="9" height="9" rx="2" className="fill-primary" />
        <rect x="13" y="2" width="9" height="9" rx="2" className="fill-primary/40" />
        <rect x="2" y="13" width="9" height="9" rx="2" className="fill-primary/40" />
        <rect x="13" y="13" width="9" height="9" rx="2" className="fill-primary/70" />
      </svg>
      <span className={cn(compact && "sr-only sm:not-sr-only")}>Tessera</span>
    </span>
  );
}
