"use client";

import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";

/** Deletes a connection after asking; a deletion also closes its pool on the server. */
export function DeleteConnectionButton({ connection, onDeleted }: { connection: { id: string; name: string }; onDeleted?: () => void }) {
  const client = useTRPCClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    try {
      await client.connection.delete.mutate({ connectionId: connection.id });
      onDeleted?.();
      router.refresh();
    } catch (e) {
      setError(clientError(e).message);
      setPending(false);
    }
  }

  return (
    <Dialog onOpenChange={() => setError(null)}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" className="text-destructive hover:bg-destructive/10 hover:text-destructive">
          Delete<span className="sr-only"> {connection.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent
        role="alertdialog"
        title={`Delete ${connection.name}?`}
        description="Tessera forgets the connection and its credentials. The external database itself is not touched."
      >
        {error ? (
          <div role="alert">
            <FieldError message={error} />
          </div>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button variant="destructive" onClick={remove} disabled={pending}>
            {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
            Delete connection
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
