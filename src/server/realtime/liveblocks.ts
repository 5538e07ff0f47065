import "server-only";
import { Liveblocks } from "@liveblocks/node";
import { env } from "../env";

let client: Liveblocks | null | undefined;

/** The process's Liveblocks client, or null when realtime is not configured. */
export function liveblocks(): Liveblocks | null {
  if (client === undefined) {
    client = env.LIVEBLOCKS_SECRET_KEY && env.NEXT_PUBLIC_LIVEBLOCKS_BASE_URL ? new Liveblocks({ secret: env.LIVEBLOCKS_SECRET_KEY, baseUrl: env.NEXT_PUBLIC_LIVEBLOCKS_BASE_URL }) : null;
  }
  return client;
}
