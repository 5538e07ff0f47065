"use client";

import { Check } from "lucide-react";
import { cn } from "@/lib/utils";
import { useActionForm } from "./action-form";

/** Says, politely, that the enclosing ActionForm's last submit worked (for screen readers as much as eyes). */
export function FormSuccess({ children, className }: { children: React.ReactNode; className?: string }) {
  const { state, pending } = useActionForm();
  return (
    <p role="status" className={cn("flex items-center gap-1.5 text-sm text-muted-foreground", className)}>
      {state.ok && !pending ? (
        <>
          <Check aria-hidden className="size-3.5" />
          {children}
        </>
      ) : null}
    </p>
  );
}
