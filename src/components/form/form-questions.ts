import type { FormConfig, FormField } from "@/lib/views/registry";
import { type FieldLike, writableFields } from "@/components/fields/form-values";

export type BuilderField = FieldLike & { readOnly?: boolean };

/** What the builder edits: the form's texts and its questions in order. */
export type FormDraft = { title: string; description: string; submitLabel: string; questions: FormField[] };

/** Types whose inputs need the workspace (its members, its rows, an upload): the shared form cannot offer them. */
const membersOnlyTypes = new Set(["user", "link", "attachment"]);
export const answerableSignedOut = (type: string) => !membersOnlyTypes.has(type);

/**
 * The fields a question can be added for: those people can type into (no
 * formula, lookup, autonumber, created or modified time or person...), that
 * are not read-only for this member, and not asked already.
 */
export function addableFields<F extends BuilderField>(fields: readonly F[], questions: readonly FormField[]): F[] {
  const asked = new Set(questions.map((q) => q.fieldId));
  return writableFields(fields).filter((f) => !f.readOnly && !asked.has(f.id));
}

/** The questions with the one at `from` moved to `to` (both clamped to the list). */
export function moveQuestion<Q>(questions: readonly Q[], from: number, to: number): Q[] {
  const next = [...questions];
  if (from < 0 || from >= next.length) return next;
  const [moved] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved!);
  return next;
}

export function draftOf(config: Partial<FormConfig>, viewName: string): FormDraft {
  return {
    title: config.title ?? viewName,
    description: config.description ?? "",
    submitLabel: config.submitLabel ?? "",
    questions: config.fields ?? [],
  };
}

const trimmed = (text: string | undefined) => {
  const t = text?.trim();
  return t ? t : undefined;
};

/**
 * The view config to save: the view's other settings kept, the draft's texts
 * trimmed, and a blank label, help or submit label left out so the field's
 * name (or "Submit") shows instead of an empty string.
 */
export function configOf(current: Record<string, unknown>, draft: FormDraft): Record<string, unknown> {
  const { title: _title, description: _description, submitLabel: _submitLabel, fields: _fields, ...rest } = current;
  const title = trimmed(draft.title);
  const description = trimmed(draft.description);
  const submitLabel = trimmed(draft.submitLabel);
  return {
    ...rest,
    ...(title && { title }),
    ...(description && { description }),
    ...(submitLabel && { submitLabel }),
    fields: draft.questions.map((q) => {
      const label = trimmed(q.label);
      const help = trimmed(q.help);
      return { fieldId: q.fieldId, ...(label && { label }), ...(help && { help }), ...(q.required && { required: true }) };
    }),
  };
}
