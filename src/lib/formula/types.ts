/**
 * The formula language's shared types: the AST the parser produces (and the
 * type checker annotates), value types and errors.
 *
 * Positions are 0-based offsets into the formula text.
 */

/** What an expression evaluates to. `blank` is the type of BLANK(): it unifies with every other type. */
export type FormulaType = "number" | "text" | "boolean" | "date" | "array" | "blank";
/** The result type of a whole formula (a formula that is only BLANK() reads as text). */
export type FormulaResultType = Exclude<FormulaType, "blank">;

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "&" | "=" | "!=" | "<" | "<=" | ">" | ">=";

type Base = { start: number; end: number; /** Set by the type checker. */ type?: FormulaType };

export type FormulaNode =
  | (Base & { kind: "number"; value: number })
  | (Base & { kind: "text"; value: string })
  | (Base & { kind: "boolean"; value: boolean })
  /** `{Name}`: `fieldId` is set by the type checker (formulas are kept by field id, so renames do not break them). */
  | (Base & { kind: "field"; name: string; fieldId?: string })
  | (Base & { kind: "unary"; op: "-"; arg: FormulaNode })
  | (Base & { kind: "binary"; op: BinaryOp; left: FormulaNode; right: FormulaNode })
  /** A function call; `name` is upper-cased. */
  | (Base & { kind: "call"; name: string; args: FormulaNode[] });

export type FormulaError = { message: string; position?: number };

/** Thrown inside the parser and checker; caught at their entry points and returned as a value. */
export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

/** A field as the type checker needs it (FieldMeta satisfies this). */
export type FormulaFieldInfo = { id: string; name: string; type: string; options?: unknown };

/** The in-memory value of an expression. Dates are Date objects (instants); arrays hold text. */
export type FormulaValue = number | string | boolean | Date | Array<string | null> | null;

/** The evaluator's #ERROR (it never leaves evaluateFormula: the final value of an error is null). */
export const FORMULA_ERROR: unique symbol = Symbol("#ERROR");
export type EvalValue = FormulaValue | typeof FORMULA_ERROR;

export type FormulaContext = {
  /** The instant NOW() and TODAY() read. */
  now: Date;
  /** IANA zone for DAY/HOUR/..., DATETIME_FORMAT, TODAY and calendar arithmetic. */
  timeZone: string;
};
