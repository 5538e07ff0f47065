import { type Token, tokenize } from "./lexer";
import { type BinaryOp, type FormulaError, type FormulaNode, FormulaSyntaxError } from "./types";

/**
 * Precedence, lowest first: comparisons, `&`, `+ -`, `* / %`, unary minus.
 * All binary operators are left-associative.
 */
const levels: ReadonlyArray<readonly string[]> = [["=", "!=", "<", "<=", ">", ">="], ["&"], ["+", "-"], ["*", "/", "%"]];

/** Formula text to an (unchecked) AST, or the first syntax error with its position. */
export function parseFormula(text: string): { ok: true; ast: FormulaNode } | { ok: false; error: FormulaError } {
  try {
    return { ok: true, ast: new Parser(tokenize(text)).formula() };
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return { ok: false, error: { message: e.message, position: e.position } };
    throw e;
  }
}

const describe = (t: Token) => (t.kind === "eof" ? "end of formula" : t.kind === "text" ? "text" : `'${t.value}'`);

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek() {
    return this.tokens[this.i]!;
  }
  private next() {
    return this.tokens[this.i++]!;
  }
  private unexpected(t: Token): never {
    throw new FormulaSyntaxError(`Unexpected ${describe(t)} at ${t.start}`, t.start);
  }
  private expectOp(value: string) {
    const t = this.next();
    if (t.kind !== "op" || t.value !== value) {
      if (t.kind === "eof") throw new FormulaSyntaxError(`Expected '${value}' at ${t.start}`, t.start);
      this.unexpected(t);
    }
    return t;
  }

  formula(): FormulaNode {
    if (this.peek().kind === "eof") throw new FormulaSyntaxError("The formula is empty at 0", 0);
    const node = this.binary(0);
    const rest = this.peek();
    if (rest.kind !== "eof") this.unexpected(rest);
    return node;
  }

  private binary(level: number): FormulaNode {
    if (level >= levels.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== "op" || !levels[level]!.includes(t.value)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = { kind: "binary", op: t.value as BinaryOp, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): FormulaNode {
    const t = this.peek();
    if (t.kind === "op" && (t.value === "-" || t.value === "+")) {
      this.next();
      const arg = this.unary();
      return t.value === "+" ? arg : { kind: "unary", op: "-", arg, start: t.start, end: arg.end };
    }
    return this.primary();
  }

  private primary(): FormulaNode {
    const t = this.next();
    switch (t.kind) {
      case "number":
        return { kind: "number", value: t.value, start: t.start, end: t.end };
      case "text":
        return { kind: "text", value: t.value, start: t.start, end: t.end };
      case "field":
        return { kind: "field", name: t.value, start: t.start, end: t.end };
      case "ident": {
        const upper = t.value.toUpperCase();
        const open = this.peek();
        const isCall = open.kind === "op" && open.value === "(";
        if ((upper === "TRUE" || upper === "FALSE") && !isCall) return { kind: "boolean", value: upper === "TRUE", start: t.start, end: t.end };
        if (!isCall) throw new FormulaSyntaxError(`Unknown name ${t.value} at ${t.start} (field names go in braces: {${t.value}})`, t.start);
        this.next();
        const args: FormulaNode[] = [];
        if (!(this.peek().kind === "op" && this.peek().value === ")")) {
          for (;;) {
            args.push(this.binary(0));
            const sep = this.peek();
            if (sep.kind === "op" && sep.value === ",") {
              this.next();
              continue;
            }
            break;
          }
        }
        const close = this.expectOp(")");
        if ((upper === "TRUE" || upper === "FALSE") && args.length === 0) return { kind: "boolean", value: upper === "TRUE", start: t.start, end: close.end };
        return { kind: "call", name: upper, args, start: t.start, end: close.end };
      }
      case "op":
        if (t.value === "(") {
          const inner = this.binary(0);
          const close = this.expectOp(")");
          return { ...inner, start: t.start, end: close.end };
        }
        return this.unexpected(t);
      case "eof":
        throw new FormulaSyntaxError(`Unexpected end of formula at ${t.start}`, t.start);
    }
  }
}
