import { CircleCheck } from "lucide-react";
import type { ConnectionTestResult } from "./connection-types";
import { FailureNotice } from "./failure-notice";

/** What `connection.test` answered: connected with its latency, or why not (shown inside a live region). */
export function TestResult({ result }: { result: ConnectionTestResult }) {
  if (!result.ok) return <FailureNotice reason={result.reason} message={result.error} />;
  return (
    <p className="flex items-center gap-1.5 rounded-md border border-border bg-muted/50 p-3 text-sm">
      <CircleCheck aria-hidden className="size-4 shrink-0 text-green-700" />
      Connected in {result.latencyMs} ms.
    </p>
  );
}
