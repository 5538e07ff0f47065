import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { formulaFunction } from "@/lib/formula/functions";
import type { ComparisonOp } from "@/lib/formula/semantics";
import type { FormulaNode, FormulaType } from "@/lib/formula/types";
import { sqlFunctions } from "./sql-functions";
import { compareSql, param, toNumberSql, toTextSql, typedNull } from "./sql-values";

export type FormulaSqlContext = {
  /** A referenced field's formula value in SQL, typed as fieldFormulaType says (float8, text, boolean, timestamptz, text[]). */
  fieldExpr: (fieldId: string) => SQL;
  /** The row's alias (RECORD_ID and the record times read its id, created_at and updated_at). */
  row: SQL;
  /** NOW() and TODAY(): bound as a parameter, so a test can fix the time. */
  now: Date;
  /** IANA zone for calendar readings and arithmetic (bound as a parameter). */
  timeZone: string;
};

/**
 * A compiled expression: its value, and when it can fail, a boolean that is
 * true when it did (#ERROR). Errors and blanks are both NULL in the value;
 * the error flag lets ISERROR see an error and lets the final value be NULL
 * even where an enclosing expression would have read the NULL as a blank
 * (as the evaluator's #ERROR propagates). `e: null` means "cannot fail".
 */
export type CompiledSql = { v: SQL; e: SQL | null };
export type SqlArg = CompiledSql & { type: FormulaType; node: FormulaNode };
export type SqlHelpers = {
  ctx: FormulaSqlContext;
  /** The call's own (checked) type. */
  resultType: FormulaType;
  tz: SQL;
  now: SQL;
  /** Binds expressions once and uses them several times: `(select body from (select e1 as a1, ...) x)`. */
  bind: (values: SQL[], body: (refs: SQL[]) => SQL) => SQL;
};
/**
 * One function in SQL. Strict functions return their value and their own
 * failure condition (argument errors are added by the compiler); lazy ones
 * (IF, SWITCH, ISERROR) return their whole error flag.
 */
export type SqlBuilder = (args: SqlArg[], h: SqlHelpers) => { v: SQL; e?: SQL | null };

export const orErrors = (errors: Array<SQL | null | undefined>): SQL | null => {
  const present = errors.filter((e): e is SQL => !!e);
  if (present.length === 0) return null;
  return present.length === 1 ? present[0]! : sql`(${sql.join(present, sql` or `)})`;
};

/**
 * A checked formula (analyzeFormula's ast) as one SQL expression of its
 * result type: float8, text, boolean, timestamptz or text[]. Blank and
 * #ERROR are NULL; blank text is NULL. Every literal is a bound parameter.
 */
export function compileFormulaSql(ast: FormulaNode, ctx: FormulaSqlContext): SQL {
  const { v, e } = compileFormulaParts(ast, ctx);
  const type = ast.type ?? "blank";
  const value = type === "text" ? sql`nullif(${v}, '')` : v;
  return e ? sql`(case when coalesce(${e}, false) then ${typedNull(type)} else ${value} end)` : value;
}

/** The value and error flag of a checked node (for callers that need ISERROR-like handling). */
let aliases = 0;

export function compileFormulaParts(ast: FormulaNode, ctx: FormulaSqlContext): CompiledSql {

  const helpers: Omit<SqlHelpers, "resultType"> = {
    ctx,
    tz: sql`${ctx.timeZone}::text`,
    now: sql`${ctx.now.toISOString()}::timestamptz`,
    bind: (values, body) => {
      const names = values.map(() => sql.identifier(`_f${(aliases = (aliases + 1) % 1_000_000)}`));
      const table = sql.identifier(`_f${(aliases = (aliases + 1) % 1_000_000)}`);
      return sql`(select ${body(names.map((n) => sql`${table}.${n}`))} from (select ${sql.join(
        values.map((value, i) => sql`${value} as ${names[i]}`),
        sql`, `,
      )}) ${table})`;
    },
  };

  const compile = (node: FormulaNode): CompiledSql => {
    switch (node.kind) {
      case "number":
        return { v: param(node.value, "number"), e: null };
      case "text":
        return { v: param(node.value, "text"), e: null };
      case "boolean":
        return { v: param(node.value, "boolean"), e: null };
      case "field":
        return { v: ctx.fieldExpr(node.fieldId!), e: null };
      case "unary": {
        const arg = compile(node.arg);
        return { v: sql`(-coalesce(${toNumberSql(arg.v, node.arg.type!)}, 0))`, e: arg.e };
      }
      case "binary": {
        const left = compile(node.left);
        const right = compile(node.right);
        const ta = node.left.type!;
        const tb = node.right.type!;
        const errors = [left.e, right.e];
        if (node.op === "&") {
          return { v: sql`(coalesce(${toTextSql(left.v, ta)}, '') || coalesce(${toTextSql(right.v, tb)}, ''))`, e: orErrors(errors) };
        }
        if (["+", "-", "*", "/", "%"].includes(node.op)) {
          const a = sql`coalesce(${toNumberSql(left.v, ta)}, 0)`;
          const b = sql`coalesce(${toNumberSql(right.v, tb)}, 0)`;
          switch (node.op) {
            case "+":
              return { v: sql`(${a} + ${b})`, e: orErrors(errors) };
            case "-":
              return { v: sql`(${a} - ${b})`, e: orErrors(errors) };
            case "*":
              return { v: sql`(${a} * ${b})`, e: orErrors(errors) };
            case "/":
              return {
                v: helpers.bind([a, b], ([x, y]) => sql`${x} / nullif(${y}, 0)`),
                e: orErrors([...errors, sql`(${b} = 0)`]),
              };
            default:
              return {
                v: helpers.bind([a, b], ([x, y]) => sql`${x} - trunc(${x} / nullif(${y}, 0)) * ${y}`),
                e: orErrors([...errors, sql`(${b} = 0)`]),
              };
          }
        }
        return { v: compareSql(node.op as ComparisonOp, left.v, ta, right.v, tb), e: orErrors(errors) };
      }
      case "call": {
        const fn = formulaFunction(node.name)!;
        const builder = (sqlFunctions as Record<string, SqlBuilder>)[node.name]!;
        const args: SqlArg[] = node.args.map((a) => ({ ...compile(a), type: a.type!, node: a }));
        const out = builder(args, { ...helpers, resultType: node.type! });
        if (fn.lazy) return { v: out.v, e: out.e ?? null };
        return { v: out.v, e: orErrors([...args.map((a) => a.e), out.e]) };
      }
    }
  };
  return compile(ast);
}
