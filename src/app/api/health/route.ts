import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json({ status: report.status }, { status: report.status === "ok" ? 200 : 503 });
}
