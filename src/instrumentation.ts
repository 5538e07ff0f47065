// Runs once when the server starts (Next.js instrumentation).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startTrashPurge } = await import("./server/services/trash/schedule-purge");
  startTrashPurge();
}
