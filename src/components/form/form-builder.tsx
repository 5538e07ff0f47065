"use client";

import {
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { ArrowDown, ArrowUp, GripVertical, Plus, Trash2 } from "lucide-react";
import { useId, useState } from "react";
import { fieldTypeLabel } from "@/components/fields/field-type-catalog";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import type { FormField } from "@/lib/views/registry";
import { cn } from "@/lib/utils";
import { stepBetweenDroppables } from "@/components/dnd/step-between-droppables";
import { addableFields, answerableSignedOut, type BuilderField, type FormDraft, moveQuestion } from "./form-questions";

// Up and Down move a picked-up question over the previous or next one (the questions are the only drop targets).
const questionKeyboardCoordinates = stepBetweenDroppables("y", (question, current) => ({ x: current.x, y: question.top + question.height / 2 }));

type FormBuilderProps = {
  fields: BuilderField[];
  draft: FormDraft;
  onChange: (draft: FormDraft) => void;
};

/**
 * Edits a form: its title, description and submit button, and its questions
 * in order — added from the fields people can type into, removed, reordered
 * by dragging (mouse, touch or keyboard) or with the up and down buttons, each
 * with a label, help text and whether it is required.
 */
export function FormBuilder({ fields, draft, onChange }: FormBuilderProps) {
  const ids = useId();
  const addable = addableFields(fields, draft.questions);
  const [adding, setAdding] = useState("");
  const toAdd = addable.some((f) => f.id === adding) ? adding : (addable[0]?.id ?? "");
  const fieldOf = (id: string) => fields.find((f) => f.id === id);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: questionKeyboardCoordinates }));
  const setQuestions = (questions: FormField[]) => onChange({ ...draft, questions });
  const updateQuestion = (index: number, patch: Partial<FormField>) =>
    setQuestions(draft.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)));

  const onDragEnd = (event: DragEndEvent) => {
    if (!event.over) return;
    const from = draft.questions.findIndex((q) => q.fieldId === event.active.id);
    const to = draft.questions.findIndex((q) => q.fieldId === event.over!.id);
    if (from >= 0 && to >= 0 && from !== to) setQuestions(moveQuestion(draft.questions, from, to));
  };

  const labelOf = (question: FormField) => question.label?.trim() || fieldOf(question.fieldId)?.name || "Deleted field";
  const accessibility = {
    screenReaderInstructions: {
      draggable: "To pick up a question, press Space or Enter. Use the up and down arrow keys to move it over another question, Space or Enter to drop it there, Escape to cancel.",
    },
    announcements: {
      onDragStart: ({ active }: { active: { id: string | number } }) => `Picked up ${describe(active.id)}.`,
      onDragOver: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} is over ${describe(over.id)}.` : `${describe(active.id)} is over no question.`,
      onDragEnd: ({ active, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? `${describe(active.id)} dropped at ${describe(over.id)}.` : `${describe(active.id)} dropped; the order is unchanged.`,
      onDragCancel: ({ active }: { active: { id: string | number } }) => `Moving ${describe(active.id)} was cancelled.`,
    },
  };
  function describe(id: string | number) {
    const question = draft.questions.find((q) => q.fieldId === id);
    return question ? `question ${labelOf(question)}` : "the question";
  }

  return (
    <div className="grid gap-6">
      <section aria-labelledby={`${ids}-texts`} className="grid gap-4">
        <h2 id={`${ids}-texts`} className="sr-only">
          Form details
        </h2>
        <div className="grid gap-1.5">
          <Label htmlFor={`${ids}-title`}>Form title</Label>
          <Input id={`${ids}-title`} value={draft.title} maxLength={200} onChange={(e) => onChange({ ...draft, title: e.target.value })} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${ids}-description`}>Description</Label>
          <Textarea
            id={`${ids}-description`}
            value={draft.description}
            maxLength={5000}
            rows={3}
            onChange={(e) => onChange({ ...draft, description: e.target.value })}
          />
        </div>
        <div className="grid gap-1.5 sm:max-w-xs">
          <Label htmlFor={`${ids}-submit`}>Submit button</Label>
          <Input
            id={`${ids}-submit`}
            value={draft.submitLabel}
            placeholder="Submit"
            maxLength={50}
            onChange={(e) => onChange({ ...draft, submitLabel: e.target.value })}
          />
        </div>
      </section>

      <section aria-labelledby={`${ids}-questions`} className="grid gap-3">
        <h2 id={`${ids}-questions`} className="text-lg font-semibold">
          Questions
        </h2>
        {draft.questions.length === 0 ? <p className="text-sm text-muted-foreground">No questions yet: add a field below.</p> : null}
        <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={accessibility}>
          <ol aria-label="Questions" className="grid gap-3">
            {draft.questions.map((question, index) => (
              <QuestionItem
                key={question.fieldId}
                question={question}
                field={fieldOf(question.fieldId)}
                title={labelOf(question)}
                position={index}
                count={draft.questions.length}
                onChange={(patch) => updateQuestion(index, patch)}
                onMove={(to) => setQuestions(moveQuestion(draft.questions, index, to))}
                onRemove={() => setQuestions(draft.questions.filter((_, i) => i !== index))}
              />
            ))}
          </ol>
        </DndContext>

        {addable.length > 0 ? (
          <div className="flex flex-wrap items-end gap-2">
            <div className="grid min-w-48 gap-1.5">
              <Label htmlFor={`${ids}-add`}>Field to add</Label>
              <Select id={`${ids}-add`} value={toAdd} onChange={(e) => setAdding(e.target.value)}>
                {addable.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} ({fieldTypeLabel(f.type)})
                  </option>
                ))}
              </Select>
            </div>
            <Button type="button" variant="outline" onClick={() => toAdd && setQuestions([...draft.questions, { fieldId: toAdd }])}>
              <Plus aria-hidden /> Add question
            </Button>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">Every field people can fill in is on the form.</p>
        )}
      </section>
    </div>
  );
}

type QuestionItemProps = {
  question: FormField;
  field: BuilderField | undefined;
  title: string;
  position: number;
  count: number;
  onChange: (patch: Partial<FormField>) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
};

function QuestionItem({ question, field, title, position, count, onChange, onMove, onRemove }: QuestionItemProps) {
  const ids = useId();
  const drag = useDraggable({ id: question.fieldId });
  // Not a target while dragged: it moves with the pointer, so it would always be what it is over.
  const drop = useDroppable({ id: question.fieldId, disabled: drag.isDragging });
  return (
    <li
      ref={drop.setNodeRef}
      aria-label={title}
      // The question follows the pointer while dragged (the list reorders on drop).
      style={drag.transform ? { transform: `translate3d(${drag.transform.x}px, ${drag.transform.y}px, 0)`, position: "relative", zIndex: 10 } : undefined}
      className={cn(
        "grid gap-3 rounded-lg border bg-background p-3",
        drop.isOver && !drag.isDragging && "border-primary ring-2 ring-primary/30",
        drag.isDragging && "opacity-60",
      )}
    >
      <div className="flex items-center gap-2">
        <button
          ref={drag.setNodeRef}
          type="button"
          {...drag.attributes}
          {...drag.listeners}
          aria-label={`Drag ${title}`}
          className="cursor-grab touch-none rounded p-1 text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
        >
          <GripVertical aria-hidden className="size-4" />
        </button>
        <p className="min-w-0 flex-1 truncate text-sm font-medium">
          {field?.name ?? "Deleted field"}
          <span className="ml-2 text-xs font-normal text-muted-foreground">{field ? fieldTypeLabel(field.type) : null}</span>
        </p>
        <Button type="button" variant="ghost" size="icon" aria-label={`Move ${title} up`} disabled={position === 0} onClick={() => onMove(position - 1)}>
          <ArrowUp aria-hidden />
        </Button>
        <Button type="button" variant="ghost" size="icon" aria-label={`Move ${title} down`} disabled={position === count - 1} onClick={() => onMove(position + 1)}>
          <ArrowDown aria-hidden />
        </Button>
        <Button type="button" variant="ghost" size="icon" aria-label={`Remove ${title}`} onClick={onRemove}>
          <Trash2 aria-hidden />
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor={`${ids}-label`}>Label</Label>
          <Input id={`${ids}-label`} value={question.label ?? ""} placeholder={field?.name} maxLength={200} onChange={(e) => onChange({ label: e.target.value })} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${ids}-help`}>Help text</Label>
          <Input id={`${ids}-help`} value={question.help ?? ""} maxLength={2000} onChange={(e) => onChange({ help: e.target.value })} />
        </div>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <Checkbox id={`${ids}-required`} checked={question.required ?? false} onChange={(e) => onChange({ required: e.currentTarget.checked })} />
          <Label htmlFor={`${ids}-required`}>Required</Label>
        </div>
        {field && !answerableSignedOut(field.type) ? (
          <p className="text-xs text-muted-foreground">Only members can answer this on the shared form.</p>
        ) : null}
      </div>
    </li>
  );
}
