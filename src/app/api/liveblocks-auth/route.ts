import { getDb } from "@/server/db";
import { resolveActor } from "@/server/auth/actor";
import { requestInfo } from "@/server/auth/request-info";
import { AppError } from "@/server/errors";
import { authorizeRoom } from "@/server/realtime/authorize-room";
import { liveblocks } from "@/server/realtime/liveblocks";
import { errorResponse, readJsonBody } from "@/server/rest/http";

export const dynamic = "force-dynamic";

// The Liveblocks client's auth endpoint: POST { room } with the session cookie.
export async function POST(request: Request) {
  try {
    const client = liveblocks();
    if (!client) throw new AppError("NOT_FOUND", "Realtime is not configured");
    if (requestInfo(request.headers, "POST", request.url).crossOrigin) throw new AppError("FORBIDDEN", "Cross-origin request refused");
    const db = await getDb();
    const body = (await readJsonBody(request)) as { room?: unknown } | undefined;
    const { status, body: token } = await authorizeRoom(db, client, await resolveActor(db, request.headers), body?.room);
    return new Response(token, { status, headers: { "Content-Type": "application/json" } });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}
