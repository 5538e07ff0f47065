import type { FormulaFieldInfo, FormulaNode } from "./types";

const precedence: Record<string, number> = { "=": 1, "!=": 1, "<": 1, "<=": 1, ">": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4 };

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r")}"`;
const braces = (name: string) => `{${name.replace(/\\/g, "\\\\").replace(/}/g, "\\}")}}`;

/**
 * A checked formula as text, with references under the fields' current
 * names (so a formula reads right after a rename). A reference to a field
 * that is gone keeps the name it had.
 */
export function formulaToText(ast: FormulaNode, fields: readonly FormulaFieldInfo[]): string {
  const render = (node: FormulaNode, parent = 0, right = false): string => {
    switch (node.kind) {
      case "number":
        return String(node.value);
      case "text":
        return quote(node.value);
      case "boolean":
        return node.value ? "TRUE()" : "FALSE()";
      case "field":
        return braces(fields.find((f) => f.id === node.fieldId)?.name ?? node.name);
      case "unary":
        return `-${render(node.arg, 5)}`;
      case "binary": {
        const p = precedence[node.op]!;
        const text = `${render(node.left, p)} ${node.op} ${render(node.right, p, true)}`;
        return p < parent || (p === parent && right) ? `(${text})` : text;
      }
      case "call":
        return `${node.name}(${node.args.map((a) => render(a)).join(", ")})`;
    }
  };
  return render(ast);
}
