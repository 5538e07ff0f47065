import { checkHealth } from "@/server/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const report = await checkHealth();
  return Response.json(
    { ...report, uptimeSeconds: Math.round(process.uptime()), version: process.env.npm_package_version ?? null },
    { status: report.status === "ok" ? 200 : 503 },
  );
}
