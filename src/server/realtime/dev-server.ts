import "server-only";
import { spawn } from "node:child_process";
import nextEnv from "@next/env";

// `npm run dev`. With a Liveblocks key configured (environment or .env files,
// read as Next reads them), Next alone. Without one, the local Liveblocks dev
// server runs Next as its child (--cmd): it hands Next its URL and the local
// keys (LIVEBLOCKS_SECRET_KEY, NEXT_PUBLIC_LIVEBLOCKS_BASE_URL), and both stop together.
nextEnv.loadEnvConfig(process.cwd(), true, { info: () => undefined, error: console.error });
const nextArgs = ["dev", ...process.argv.slice(2)];
const [command, args] = process.env.LIVEBLOCKS_SECRET_KEY
  ? ["next", nextArgs]
  : ["liveblocks", ["dev", "--port", process.env.LIVEBLOCKS_DEV_PORT ?? "1153", "--no-persist", "--cmd", "next", "--", ...nextArgs]];
const child = spawn(command, args, { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
