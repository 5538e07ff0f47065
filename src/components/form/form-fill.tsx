"use client";

import { CircleCheck } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { ActionForm } from "@/components/action-form/action-form";
import { FormError } from "@/components/action-form/form-error";
import { SubmitButton } from "@/components/action-form/submit-button";
import { FieldInput } from "@/components/fields/field-input";
import { type FieldChoices, type FieldLike, newRowValues } from "@/components/fields/form-values";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { answerableSignedOut } from "./form-questions";
import { type SubmissionError, submissionErrors } from "./submission-errors";

/** A form as its filler sees it: what view.form and GET /public/forms/{slug}/submission answer. */
export type FormDefinition = {
  title: string;
  description: string | null;
  submitLabel: string;
  fields: Array<{
    id: string;
    name: string;
    type: string;
    label: string;
    help: string | null;
    required: boolean;
    options?: Record<string, unknown>;
    choices?: Array<{ name: string }>;
  }>;
};

type FormFillProps = {
  definition: FormDefinition;
  /** Sends the answers (keyed by field id); throws a SubmissionError when the server refuses them. */
  submit: (fields: Record<string, unknown>) => Promise<void>;
  /** What user, link and attachment questions offer; absent signed out, where those cannot be answered. */
  choices?: FieldChoices;
  /** The form's title is the page's heading (the public page) or a section's (inside a view). */
  headingLevel?: 1 | 2;
  className?: string;
};

/**
 * The filled-in form: its questions with labels, help and required marks, an
 * input per field type, the server's messages beside the questions they name
 * (typed answers kept), and a thank-you once a row is made.
 */
export function FormFill({ definition, submit, choices, headingLevel = 2, className }: FormFillProps) {
  const [submitted, setSubmitted] = useState(false);
  const [round, setRound] = useState(0);
  const thanks = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (submitted) thanks.current?.focus();
  }, [submitted]);

  const Heading = headingLevel === 1 ? "h1" : "h2";
  const questions = definition.fields.map((q) => ({
    question: q,
    field: { id: q.id, name: q.label, type: q.type, options: { ...q.options, ...(q.choices && { choices: q.choices }) } } satisfies FieldLike,
    answerable: choices !== undefined || answerableSignedOut(q.type),
  }));

  const header = (
    <header className="grid gap-2">
      <Heading className="text-2xl font-semibold tracking-tight">{definition.title}</Heading>
      {definition.description ? <p className="whitespace-pre-line text-muted-foreground">{definition.description}</p> : null}
    </header>
  );

  if (submitted) {
    return (
      <div className={cn("grid gap-6", className)}>
        {header}
        <div ref={thanks} tabIndex={-1} role="status" className="grid justify-items-start gap-3 rounded-lg border bg-muted/40 p-6 outline-none">
          <p className="flex items-center gap-2 text-lg font-medium">
            <CircleCheck aria-hidden className="size-5 text-primary" />
            Thank you! Your response was recorded.
          </p>
          <Button
            variant="outline"
            onClick={() => {
              setSubmitted(false);
              setRound((r) => r + 1);
            }}
          >
            Submit another response
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className={cn("grid gap-6", className)}>
      {header}
      {questions.length === 0 ? (
        <p className="text-sm text-muted-foreground">This form asks no questions yet.</p>
      ) : (
        <ActionForm
          // A new round starts from empty inputs.
          key={round}
          aria-label={definition.title}
          noValidate
          className="grid gap-6"
          action={async (_state, formData) => {
            const fields = newRowValues(
              questions.filter((q) => q.answerable).map((q) => q.field),
              formData,
            );
            try {
              await submit(fields);
            } catch (error) {
              return submissionErrors(error as SubmissionError, definition.fields);
            }
            setSubmitted(true);
            return { ok: true };
          }}
        >
          {questions.map(({ question, field, answerable }) =>
            answerable ? (
              <FieldInput key={question.id} field={field} choices={choices} help={question.help} required={question.required} />
            ) : (
              <div key={question.id} className="grid gap-1.5">
                <p className="text-sm font-medium">{question.label}</p>
                <p className="text-sm text-muted-foreground">Only members of the workspace can answer this question.</p>
              </div>
            ),
          )}
          <FormError />
          <div>
            <SubmitButton>{definition.submitLabel}</SubmitButton>
          </div>
        </ActionForm>
      )}
    </div>
  );
}
