"use client";

import { LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/action-form/field-error";
import { Button } from "@/components/ui/button";
import { clientError } from "@/trpc/client-error";
import { useTRPCClient } from "@/trpc/react";
import type { ConnectionTestResult } from "./connection-types";
import { TestResult } from "./test-result";

/** Tests a saved connection where it is listed; the page then shows its new status. */
export function TestConnectionButton({ connection }: { connection: { id: string; name: string } }) {
  const client = useTRPCClient();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function test() {
    setPending(true);
    setResult(null);
    setError(null);
    try {
      setResult(await client.connection.test.mutate({ connectionId: connection.id }));
      router.refresh();
    } catch (e) {
      setError(clientError(e).message);
    }
    setPending(false);
  }

  return (
    <div className="grid justify-items-end gap-1.5">
      <Button variant="ghost" size="sm" onClick={test} disabled={pending}>
        {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
        Test<span className="sr-only"> {connection.name}</span>
      </Button>
      <div aria-live="polite" className="w-full max-w-80 text-left empty:hidden">
        {result ? <TestResult result={result} /> : error ? <FieldError message={error} /> : null}
      </div>
    </div>
  );
}
