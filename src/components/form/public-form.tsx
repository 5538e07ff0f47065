"use client";

import { FormFill, type FormDefinition } from "./form-fill";
import type { SubmissionError } from "./submission-errors";

async function sendAnswers(slug: string, fields: Record<string, unknown>): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/public/forms/${encodeURIComponent(slug)}/submission`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ fields }),
    });
  } catch {
    throw { message: "Your answers could not be sent; check your connection and try again." } satisfies SubmissionError;
  }
  if (response.ok) return;
  const body = (await response.json().catch(() => null)) as { error?: SubmissionError } | null;
  throw { message: body?.error?.message ?? `Your answers could not be sent (${response.status}).`, details: body?.error?.details } satisfies SubmissionError;
}

/** A published form, filled in signed out: answers go to its public submission endpoint. */
export function PublicForm({ slug, definition }: { slug: string; definition: FormDefinition }) {
  return <FormFill definition={definition} headingLevel={1} submit={(fields) => sendAnswers(slug, fields)} />;
}
