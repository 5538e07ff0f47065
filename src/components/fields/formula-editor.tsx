"use client";

import { useMemo, useRef, useState } from "react";
import { analyzeFormula, type FormulaFieldInfo, formulaFunctions } from "@/lib/formula";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";

type FormulaEditorProps = {
  id: string;
  name: string;
  defaultValue?: string;
  /** The table's fields, checked against as one types (the server checks again on save). */
  fields: readonly FormulaFieldInfo[];
  /** The formula field being edited: it may not refer to itself. */
  selfId?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

const resultWords: Record<string, string> = { number: "a number", text: "text", boolean: "true or false", date: "a date", array: "a list" };
const categoryNames: Record<string, string> = { logical: "Logical", text: "Text", numeric: "Numeric", date: "Date", array: "Array", record: "Record" };

/**
 * A formula with a live check under it (the error and where it is, or what
 * the formula gives), and a reference of fields and functions that inserts
 * what is clicked at the cursor.
 */
export function FormulaEditor({ id, name, defaultValue = "", fields, selfId, ...aria }: FormulaEditorProps) {
  const [text, setText] = useState(defaultValue);
  const [filter, setFilter] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  // Where the person left the cursor; until they place it, insertions go at the end.
  const cursor = useRef<{ start: number; end: number } | null>(null);
  const result = useMemo(() => (text.trim() === "" ? null : analyzeFormula(text, fields, { selfId })), [text, fields, selfId]);
  const functions = useMemo(() => {
    const needle = filter.trim().toUpperCase();
    return Object.entries(formulaFunctions).filter(([fn]) => needle === "" || fn.includes(needle));
  }, [filter]);

  const insert = (snippet: string) => {
    const el = area.current;
    const { start, end } = cursor.current ?? { start: text.length, end: text.length };
    setText(text.slice(0, start) + snippet + text.slice(end));
    cursor.current = { start: start + snippet.length, end: start + snippet.length };
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  };

  const checkId = `${id}-check`;
  const describedBy = [aria["aria-describedby"], checkId].filter(Boolean).join(" ");
  return (
    <div className="grid gap-2">
      <Textarea
        ref={area}
        id={id}
        name={name}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSelect={(e) => (cursor.current = { start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd })}
        rows={3}
        maxLength={10_000}
        spellCheck={false}
        placeholder="{Price} * {Qty}"
        className="font-mono text-sm"
        aria-invalid={aria["aria-invalid"] ?? (result && !result.ok ? true : undefined)}
        aria-describedby={describedBy}
      />
      <p id={checkId} aria-live="polite" className={result && !result.ok ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
        {result === null
          ? "Refer to fields as {Field name}."
          : result.ok
            ? `Gives ${resultWords[result.resultType] ?? result.resultType}.`
            : result.error.position === undefined
              ? result.error.message
              : `${result.error.message.replace(/ at \d+$/, "")} (at character ${result.error.position + 1}).`}
      </p>
      <details className="rounded-md border border-border p-2 text-sm">
        <summary className="cursor-pointer font-medium">Fields and functions</summary>
        <div className="mt-2 grid gap-3">
          <div className="flex flex-wrap gap-1">
            {fields
              .filter((f) => f.id !== selfId)
              .map((f) => (
                <button key={f.id} type="button" onClick={() => insert(`{${f.name}}`)} className="rounded border border-border px-1.5 py-0.5 font-mono text-xs hover:bg-muted">
                  {`{${f.name}}`}
                </button>
              ))}
          </div>
          <Input aria-label="Find a function" placeholder="Find a function" value={filter} onChange={(e) => setFilter(e.target.value)} className="h-8" />
          <ul aria-label="Functions" className="grid max-h-48 gap-0.5 overflow-auto">
            {functions.map(([fn, definition]) => (
              <li key={fn}>
                <button type="button" onClick={() => insert(`${fn}(`)} className="flex w-full items-baseline gap-2 rounded px-1 py-0.5 text-left hover:bg-muted">
                  <code className="text-xs">{definition.signature}</code>
                  <span className="ml-auto text-xs text-muted-foreground">{categoryNames[definition.category]}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      </details>
    </div>
  );
}
