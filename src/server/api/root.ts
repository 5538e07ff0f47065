import "server-only";
import { authRouter } from "./routers/auth";
import { baseRouter } from "./routers/bases";
import { memberRouter } from "./routers/members";
import { rowRouter } from "./routers/rows";
import { tableRouter } from "./routers/tables";
import { tokenRouter } from "./routers/tokens";
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
});

/** The type typed clients import: `import type { AppRouter } from "tessera/src/server/api/root"`. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
