import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
// Types only (erased from the bundle): the shapes the connection procedures answer.
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>["connection"];
type Inputs = inferRouterInputs<AppRouter>["connection"];

/** A connection as the API describes it: where it points, never how it logs in. */
export type ConnectionSummary = Outputs["get"];
export type ConnectionTestResult = Outputs["test"];
export type ConnectionSchema = Outputs["schema"];
export type ExternalTable = ConnectionSchema["schemas"][number]["tables"][number];
export type ExternalColumn = ExternalTable["columns"][number];
export type CreateConnectionInput = Inputs["create"];
export type UpdateConnectionInput = Inputs["update"];
