"use client";

import { LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";

// `connection.addTable` comes with the mounted-tables work on the server;
// these are the parts of its input and answer this dialog relies on.
type AddTableInput = { connectionId: string; baseId: string; table: string };
type AddedTable = { id: string; name: string };

export type BaseChoice = { id: string; name: string };

/** Mounts an external table in one of the workspace's bases, then links to it there. */
export function AddToBase({ workspaceId, connectionId, table, bases }: { workspaceId: string; connectionId: string; table: string; bases: BaseChoice[] }) {
  const client = useTRPCClient();
  const id = useId();
  const [baseId, setBaseId] = useState(bases[0]?.id ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ baseId: string; table: AddedTable } | null>(null);

  async function add(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const input: AddTableInput = { connectionId, baseId, table };
      const created: AddedTable = await client.connection.addTable.mutate(input);
      setAdded({ baseId, table: created });
    } catch (e) {
      setError(clientError(e).message);
    }
    setPending(false);
  }

  return (
    <Dialog
      onOpenChange={() => {
        setAdded(null);
        setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Add to base
        </Button>
      </DialogTrigger>
      <DialogContent title={`Add ${table} to a base`} description="The table appears in the base like its own tables; its rows stay in the external database.">
        {bases.length === 0 ? (
          <p className="text-sm text-muted-foreground">
            This workspace has no bases yet.{" "}
            <Link href={`/w/${workspaceId}`} className="text-primary underline-offset-4 hover:underline">
              Create one first
            </Link>
            .
          </p>
        ) : (
          <form onSubmit={add} aria-label="Add to base" className="grid gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-base`}>Base</Label>
              <Select id={`${id}-base`} value={baseId} onChange={(e) => setBaseId(e.target.value)}>
                {bases.map((base) => (
                  <option key={base.id} value={base.id}>
                    {base.name}
                  </option>
                ))}
              </Select>
            </div>
            {error ? (
              <div role="alert">
                <FieldError message={error} />
              </div>
            ) : null}
            <p role="status" className="text-sm empty:hidden">
              {added ? (
                <>
                  Added as{" "}
                  <Link href={`/w/${workspaceId}/b/${added.baseId}/t/${added.table.id}`} className="font-medium text-primary underline-offset-4 hover:underline">
                    {added.table.name}
                  </Link>
                  .
                </>
              ) : null}
            </p>
            <Button type="submit" disabled={pending || !baseId} className="justify-self-end">
              {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
              Add to base
            </Button>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
