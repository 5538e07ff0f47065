import "server-only";
import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { baseRouter } from "./routers/bases";
import { connectionRouter } from "./routers/connections";
import { memberRouter } from "./routers/members";
import { rowRouter } from "./routers/rows";
import { tableRouter } from "./routers/tables";
import { tokenRouter } from "./routers/tokens";
import { trashRouter } from "./routers/trash";
import { viewRouter } from "./routers/views";
import { workspaceRouter } from "./routers/workspaces";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  workspace: workspaceRouter,
  member: memberRouter,
  token: tokenRouter,
  base: baseRouter,
  table: tableRouter,
  row: rowRouter,
  view: viewRouter,
  trash: trashRouter,
  audit: auditRouter,
  connection: connectionRouter,
});

/** The type typed clients import: `import type { AppRouter } from "tessera/src/server/api/root"`. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
