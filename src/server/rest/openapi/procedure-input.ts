import "server-only";
import type { AnyProcedure } from "@trpc/server";
import { z } from "zod";
import { type AppRouter, appRouter } from "../../api/root";

type ProcedurePaths<R, P extends string = ""> = {
  [K in keyof R & string]: R[K] extends AnyProcedure ? `${P}${K}` : ProcedurePaths<R[K], `${P}${K}.`>;
}[keyof R & string];

/** "row.list", "table.createField", …: every procedure of the app router, checked by the compiler. */
export type ProcedurePath = ProcedurePaths<AppRouter["_def"]["record"]>;

// tRPC 11 keeps a flat map of "router.procedure" to each procedure, whose
// definition holds the parsers given to `.input(...)` (several are merged).
type RuntimeProcedures = Record<string, { _def: { inputs: unknown[] } } | undefined>;

/**
 * The zod schema a procedure validates its input with, as REST sees it: one
 * object (an optional wrapper removed), or undefined when it takes no input.
 * The very schema object, not a copy, so the document cannot drift from it.
 */
export function procedureInput(path: ProcedurePath): z.ZodObject | undefined {
  const procedure = (appRouter._def.procedures as unknown as RuntimeProcedures)[path];
  if (!procedure) throw new Error(`OpenAPI: there is no tRPC procedure "${path}"`);
  const objects = procedure._def.inputs.map((schema) => {
    const unwrapped = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
    if (!(unwrapped instanceof z.ZodObject)) throw new Error(`OpenAPI: the input of "${path}" is not a zod object`);
    return unwrapped;
  });
  if (objects.length <= 1) return objects[0];
  return objects.reduce((merged, next) => merged.extend(next.shape));
}
