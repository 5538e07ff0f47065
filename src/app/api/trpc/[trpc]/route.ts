import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { serializeCookie } from "@/server/auth/session";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers, method: req.method, url: req.url }),
    responseMeta({ ctx }) {
      const headers = new Headers();
      for (const cookie of ctx?.responseCookies ?? []) headers.append("Set-Cookie", serializeCookie(cookie));
      return { headers };
    },
  });
}

export { handler as GET, handler as POST };
