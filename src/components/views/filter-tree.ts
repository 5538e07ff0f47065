// The filter builder's model: a view's filter (the query plan's FilterNode)
// as an editable tree with ids, and back. Conditions still being written (no
// field yet, or no value where the operator needs one) stay in the builder
// but are left out of the filter that is saved, so a half-typed condition
// never empties the grid.

import type { FilterOp } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";
import { maxFilterDepth, type FilterNode } from "@/lib/query/plan";
import { isFieldType } from "@/components/fields/field-type-catalog";

export type FilterField = { id: string; name: string; type: string; options: unknown };
export type Conjunction = "and" | "or";
export type EditableCondition = { kind: "condition"; id: string; field: string; op: FilterOp; value?: unknown };
export type EditableGroup = { kind: "group"; id: string; conjunction: Conjunction; children: EditableNode[] };
export type EditableNode = EditableCondition | EditableGroup;

/** The input an operator's value needs. */
export type ValueShape = "none" | "text" | "number" | "date" | "boolean" | "choice" | "choices" | "range" | "within";

export const opLabels: Record<FilterOp, string> = {
  eq: "is",
  neq: "is not",
  lt: "<",
  lte: "≤",
  gt: ">",
  gte: "≥",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  ends_with: "ends with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  in: "is any of",
  not_in: "is none of",
  between: "is between",
  has_any_of: "has any of",
  has_all_of: "has all of",
  is_within: "is within",
};

const dateTypes = new Set(["date", "datetime", "created_time", "last_modified_time"]);
const numberTypes = new Set(["number", "currency", "percent", "rating", "progress", "duration", "autonumber", "count", "rollup"]);
const choiceTypes = new Set(["single_select", "multi_select"]);

let counter = 0;
const newId = () => `f${(counter += 1)}`;

const listOps = new Set<FilterOp>(["in", "not_in", "has_any_of", "has_all_of"]);

/**
 * The operators the builder offers for a field: its type's, less the list
 * operators on fields without choices to pick from (links, people: their
 * values are row and member ids, which the builder has no picker for yet).
 */
export function operatorsFor(field: FilterField): readonly FilterOp[] {
  if (!isFieldType(field.type)) return [];
  const ops = fieldTypeDefinition(field.type)?.operators ?? [];
  return choicesOf(field).length > 0 ? ops : ops.filter((op) => !listOps.has(op));
}

export function choicesOf(field: FilterField): string[] {
  const choices = (field.options as { choices?: Array<{ name: string }> } | null)?.choices;
  return Array.isArray(choices) ? choices.map((c) => c.name) : [];
}

export function valueShape(field: FilterField | undefined, op: FilterOp): ValueShape {
  if (!field || op === "is_empty" || op === "is_not_empty") return "none";
  if (op === "is_within") return "within";
  if (op === "between") return "range";
  if (field.type === "boolean") return "boolean";
  if (choiceTypes.has(field.type)) return op === "eq" || op === "neq" ? (field.type === "multi_select" ? "choices" : "choice") : "choices";
  if (op === "in" || op === "not_in" || op === "has_any_of" || op === "has_all_of") return "choices";
  if (dateTypes.has(field.type)) return "date";
  if (numberTypes.has(field.type)) return "number";
  return "text";
}

/** What a condition starts with when its field is chosen: the type's first operator and an empty value. */
export function conditionFor(field: FilterField, id = newId()): EditableCondition {
  const op = operatorsFor(field)[0] ?? "is_not_empty";
  return { kind: "condition", id, field: field.id, op, value: initialValue(field, op) };
}

export function initialValue(field: FilterField | undefined, op: FilterOp): unknown {
  switch (valueShape(field, op)) {
    case "none":
      return undefined;
    case "boolean":
      return true;
    case "choices":
      return [];
    case "range":
      return ["", ""];
    case "within":
      return { past_days: 7 };
    default:
      return "";
  }
}

/** Whether the condition says enough to filter by. */
export function isComplete(condition: EditableCondition, fields: readonly FilterField[]): boolean {
  const field = fields.find((f) => f.id === condition.field);
  if (!field || !operatorsFor(field).includes(condition.op)) return false;
  const { value } = condition;
  switch (valueShape(field, condition.op)) {
    case "none":
    case "boolean":
      return true;
    case "choices":
      return Array.isArray(value) && value.length > 0;
    case "range":
      return Array.isArray(value) && value.length === 2 && value.every((v) => v !== "" && v !== null && v !== undefined);
    case "within": {
      const days = value && typeof value === "object" ? Object.values(value)[0] : undefined;
      return typeof days === "number" && Number.isInteger(days) && days >= 0;
    }
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === "string" && value !== "";
  }
}

export function emptyRoot(): EditableGroup {
  return { kind: "group", id: newId(), conjunction: "and", children: [] };
}

/** A saved filter as the builder's tree; the root is always a group. */
export function fromFilter(filter: FilterNode | null | undefined): EditableGroup {
  if (!filter) return emptyRoot();
  const node = toEditable(filter);
  return node.kind === "group" ? node : { ...emptyRoot(), children: [node] };
}

function toEditable(node: FilterNode): EditableNode {
  if ("and" in node) return { kind: "group", id: newId(), conjunction: "and", children: node.and.map(toEditable) };
  if ("or" in node) return { kind: "group", id: newId(), conjunction: "or", children: node.or.map(toEditable) };
  return { kind: "condition", id: newId(), field: node.field, op: node.op, ...(node.value !== undefined && { value: node.value }) };
}

/** The tree as the filter to save: complete conditions only, empty groups dropped; undefined when nothing is left. */
export function toFilter(root: EditableGroup, fields: readonly FilterField[]): FilterNode | undefined {
  const convert = (node: EditableNode): FilterNode | undefined => {
    if (node.kind === "condition") {
      if (!isComplete(node, fields)) return undefined;
      return node.value === undefined ? { field: node.field, op: node.op } : { field: node.field, op: node.op, value: node.value };
    }
    const children = node.children.map(convert).filter((c): c is FilterNode => c !== undefined);
    if (children.length === 0) return undefined;
    return node.conjunction === "and" ? { and: children } : { or: children };
  };
  return convert(root);
}

/** Conditions in the tree that filter (the count the toolbar's button shows). */
export function countComplete(root: EditableGroup, fields: readonly FilterField[]): number {
  const count = (node: EditableNode): number =>
    node.kind === "condition" ? (isComplete(node, fields) ? 1 : 0) : node.children.reduce((n, c) => n + count(c), 0);
  return count(root);
}

function mapTree(node: EditableNode, id: string, change: (node: EditableNode) => EditableNode | null): EditableNode | null {
  if (node.id === id) return change(node);
  if (node.kind === "condition") return node;
  const children = node.children.map((c) => mapTree(c, id, change)).filter((c): c is EditableNode => c !== null);
  return { ...node, children };
}

function edit(root: EditableGroup, id: string, change: (node: EditableNode) => EditableNode | null): EditableGroup {
  return (mapTree(root, id, change) as EditableGroup | null) ?? emptyRoot();
}

export function depthOf(root: EditableGroup, id: string): number {
  const walk = (node: EditableNode, depth: number): number => {
    if (node.id === id) return depth;
    if (node.kind === "condition") return -1;
    for (const child of node.children) {
      const found = walk(child, depth + 1);
      if (found >= 0) return found;
    }
    return -1;
  };
  return walk(root, 1);
}

/** Whether a group may hold another group (the plan refuses filters nested deeper than it allows). */
export function canNest(root: EditableGroup, groupId: string): boolean {
  return depthOf(root, groupId) + 1 < maxFilterDepth;
}

export function addCondition(root: EditableGroup, groupId: string, field: FilterField): EditableGroup {
  return edit(root, groupId, (node) => (node.kind === "group" ? { ...node, children: [...node.children, conditionFor(field)] } : node));
}

export function addGroup(root: EditableGroup, groupId: string, field: FilterField): EditableGroup {
  if (!canNest(root, groupId)) return root;
  const group: EditableGroup = { kind: "group", id: newId(), conjunction: "or", children: [conditionFor(field)] };
  return edit(root, groupId, (node) => (node.kind === "group" ? { ...node, children: [...node.children, group] } : node));
}

export function removeNode(root: EditableGroup, id: string): EditableGroup {
  if (id === root.id) return emptyRoot();
  return edit(root, id, () => null);
}

export function setConjunction(root: EditableGroup, groupId: string, conjunction: Conjunction): EditableGroup {
  return edit(root, groupId, (node) => (node.kind === "group" ? { ...node, conjunction } : node));
}

/** Changes a condition's field, operator or value; a new field or an operator needing another kind of value resets the value. */
export function updateCondition(
  root: EditableGroup,
  id: string,
  patch: Partial<Pick<EditableCondition, "field" | "op" | "value">>,
  fields: readonly FilterField[],
): EditableGroup {
  return edit(root, id, (node) => {
    if (node.kind !== "condition") return node;
    if (patch.field !== undefined && patch.field !== node.field) {
      const field = fields.find((f) => f.id === patch.field);
      return field ? conditionFor(field, node.id) : node;
    }
    if (patch.op !== undefined && patch.op !== node.op) {
      const field = fields.find((f) => f.id === node.field);
      const keep = valueShape(field, patch.op) === valueShape(field, node.op);
      return { ...node, op: patch.op, value: keep ? node.value : initialValue(field, patch.op) };
    }
    return "value" in patch ? { ...node, value: patch.value } : node;
  });
}
