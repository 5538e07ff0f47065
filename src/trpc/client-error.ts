import { TRPCClientError } from "@trpc/client";

export type ClientError = { code?: string; message: string; details?: unknown };

/** What a failed call says, for a page to show: the API's error code, its message and details. */
export function clientError(error: unknown): ClientError {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; details?: unknown } | undefined;
    return { code: data?.code, message: error.message, details: data?.details };
  }
  return { message: error instanceof Error ? error.message : "Something went wrong" };
}
