import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";
import type { AppRouter } from "@/server/api/root";

/**
 * A typed client, as an internal tool would write one, served by the real
 * route handler. It sends `session.cookie` and keeps the one the server sets
 * (a RestAgent is such a session, so REST and tRPC can share a sign-in).
 */
export function trpcClient(session: { cookie: string | null }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://tessera.test/api/trpc",
        transformer: superjson,
        fetch: async (input, init) => {
          const headers = { ...(init?.headers as Record<string, string>), cookie: session.cookie ?? "", host: "tessera.test" };
          const request = new Request(input as string, { ...(init as RequestInit), headers });
          const response = await (request.method === "GET" ? GET(request) : POST(request));
          const set = response.headers.get("set-cookie");
          if (set) session.cookie = set.split(";")[0]!;
          return response;
        },
      }),
    ],
  });
}
