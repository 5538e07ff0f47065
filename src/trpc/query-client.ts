import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/**
 * One QueryClient per request on the server, one per tab in the browser.
 * superjson on (de)hydration matches the tRPC transformer, so dates and
 * maps prefetched in a server component arrive intact.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // With SSR, data fetched on the server is fresh for a moment: no refetch right after hydration.
      queries: { staleTime: 30_000 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
