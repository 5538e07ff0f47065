import { describe, expect, test } from "vitest";
import { filterInput } from "@/lib/query/plan";
import {
  addCondition,
  addGroup,
  canNest,
  countComplete,
  fromFilter,
  operatorsFor,
  removeNode,
  setConjunction,
  toFilter,
  updateCondition,
  valueShape,
} from "./filter-tree";

const fields = [
  { id: "name", name: "Name", type: "text", options: {} },
  { id: "qty", name: "Qty", type: "number", options: {} },
  { id: "status", name: "Status", type: "single_select", options: { choices: [{ name: "Todo" }, { name: "Done" }] } },
  { id: "due", name: "Due", type: "date", options: {} },
  { id: "owner", name: "Owner", type: "user", options: {} },
];
const [name, qty, status] = fields;

describe("the filter builder's tree", () => {
  test("round-trips a nested filter", () => {
    const filter = { and: [{ field: "qty", op: "gt" as const, value: 3 }, { or: [{ field: "status", op: "eq" as const, value: "Todo" }, { field: "name", op: "is_empty" as const }] }] };
    expect(toFilter(fromFilter(filter), fields)).toEqual(filter);
  });

  test("a lone condition becomes a group of one, and nothing is no filter", () => {
    expect(toFilter(fromFilter({ field: "qty", op: "gt", value: 1 }), fields)).toEqual({ and: [{ field: "qty", op: "gt", value: 1 }] });
    expect(toFilter(fromFilter(undefined), fields)).toBeUndefined();
  });

  test("conditions still being written are left out, and so are the groups they empty", () => {
    let root = fromFilter(undefined);
    root = addCondition(root, root.id, name!);
    root = addCondition(root, root.id, qty!);
    expect(toFilter(root, fields)).toBeUndefined();
    expect(countComplete(root, fields)).toBe(0);
    const qtyCondition = root.children[1]!;
    root = updateCondition(root, qtyCondition.id, { value: 4 }, fields);
    expect(toFilter(root, fields)).toEqual({ and: [{ field: "qty", op: "eq", value: 4 }] });
    root = addGroup(root, root.id, name!);
    expect(toFilter(root, fields)).toEqual({ and: [{ field: "qty", op: "eq", value: 4 }] });
    expect(countComplete(root, fields)).toBe(1);
  });

  test("a nested group with its own conjunction", () => {
    let root = fromFilter({ field: "qty", op: "gt", value: 1 });
    root = addGroup(root, root.id, status!);
    const group = root.children[1]!;
    root = updateCondition(root, (group as { children: Array<{ id: string }> }).children[0]!.id, { value: "Done" }, fields);
    root = addCondition(root, group.id, name!);
    const nameCondition = (root.children[1] as { children: Array<{ id: string }> }).children[1]!;
    root = updateCondition(root, nameCondition.id, { op: "is_not_empty" }, fields);
    root = setConjunction(root, group.id, "or");
    const filter = toFilter(root, fields);
    expect(filter).toEqual({ and: [{ field: "qty", op: "gt", value: 1 }, { or: [{ field: "status", op: "eq", value: "Done" }, { field: "name", op: "is_not_empty" }] }] });
    expect(filterInput.safeParse(filter).success).toBe(true);
    root = removeNode(root, group.id);
    expect(toFilter(root, fields)).toEqual({ and: [{ field: "qty", op: "gt", value: 1 }] });
  });

  test("a new field resets the operator and value; an operator wanting another kind of value resets the value", () => {
    let root = fromFilter({ field: "qty", op: "gt", value: 5 });
    const id = root.children[0]!.id;
    root = updateCondition(root, id, { op: "lt" }, fields);
    expect(toFilter(root, fields)).toEqual({ and: [{ field: "qty", op: "lt", value: 5 }] });
    root = updateCondition(root, id, { op: "between" }, fields);
    expect(root.children[0]).toMatchObject({ op: "between", value: ["", ""] });
    root = updateCondition(root, id, { field: "status" }, fields);
    expect(root.children[0]).toMatchObject({ field: "status", op: "eq", value: "" });
  });

  test("operators come from the field type; list operators only where there are choices to pick", () => {
    expect(operatorsFor(qty!)).toContain("between");
    expect(operatorsFor(status!)).toContain("in");
    expect(operatorsFor(fields[4]!)).toEqual(["is_empty", "is_not_empty"]);
    expect(valueShape(status, "in")).toBe("choices");
    expect(valueShape(fields[3], "is_within")).toBe("within");
    expect(valueShape(qty, "is_empty")).toBe("none");
  });

  test("groups stop nesting at the plan's depth limit", () => {
    let root = fromFilter(undefined);
    let groupId = root.id;
    for (let depth = 0; depth < 20 && canNest(root, groupId); depth++) {
      root = addGroup(root, groupId, name!);
      let node: { id: string; kind: string; children?: unknown[] } = root;
      while (node.children?.some((c) => (c as { kind: string }).kind === "group")) node = node.children.find((c) => (c as { kind: string }).kind === "group") as typeof node;
      groupId = node.id;
    }
    expect(canNest(root, groupId)).toBe(false);
    let deepest = root as { children: unknown[] };
    let depth = 1;
    for (;;) {
      const next = deepest.children.find((c) => (c as { kind: string }).kind === "group") as typeof deepest | undefined;
      if (!next) break;
      deepest = next;
      depth += 1;
    }
    expect(depth).toBeLessThanOrEqual(12);
  });
});
