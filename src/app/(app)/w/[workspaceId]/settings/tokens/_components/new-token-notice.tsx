"use client";

import { useState } from "react";
import { Check, Copy, TriangleAlert } from "lucide-react";
import { useActionForm } from "@/components/action-form/action-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Shows the token a create just returned: once, for as long as this page stays open. */
export function NewTokenNotice() {
  const { id, state } = useActionForm();
  const [copied, setCopied] = useState<string | null>(null);
  const token = typeof state.data?.token === "string" ? state.data.token : null;
  if (!state.ok || !token) return null;
  const name = String(state.data?.name ?? "");
  const inputId = `${id}-new-token`;

  return (
    <div role="status" className="grid gap-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <p className="flex items-start gap-2 text-sm font-medium">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        Copy the token “{name}” now. It will not be shown again.
      </p>
      <Label htmlFor={inputId} className="sr-only">
        New API token
      </Label>
      <div className="flex gap-2">
        <Input
          id={inputId}
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="bg-background font-mono read-only:bg-background"
        />
        <Button
          type="button"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard.writeText(token);
            setCopied(token);
          }}
        >
          {copied === token ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === token ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
