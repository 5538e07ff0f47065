import type { ActionState } from "@/trpc/server";
import { fieldInputName } from "@/components/fields/form-values";

type Question = { id: string; name: string; label: string; required: boolean };
export type SubmissionError = { message: string; details?: unknown };

// The row service names the field first: `Field "Qty": not a number`.
const namedPrefix = /^Field "[^"]*":\s*/;

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A refused submission as the form shows it: beside the questions the
 * server names (the required ones left empty, a value of the wrong kind),
 * else about the whole form.
 */
export function submissionErrors(error: SubmissionError, questions: readonly Question[]): ActionState {
  const details = (error.details ?? {}) as { field?: unknown; fields?: unknown };
  const fieldErrors: Record<string, string> = {};
  if (Array.isArray(details.fields)) {
    // Required questions left empty, named by their labels.
    for (const q of questions) {
      if (q.required && details.fields.includes(q.label)) fieldErrors[fieldInputName(q.id)] = "This question is required";
    }
  } else if (typeof details.field === "string") {
    const q = questions.find((q) => q.id === details.field || q.name === details.field);
    if (q) fieldErrors[fieldInputName(q.id)] = sentence(error.message.replace(namedPrefix, ""));
  }
  return Object.keys(fieldErrors).length > 0
    ? { fieldErrors, formError: "Some answers need a look; see the messages beside them." }
    : { formError: error.message };
}
