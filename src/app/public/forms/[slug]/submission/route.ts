import { publicFormDefinition, publicPreflight, submitPublicForm } from "@/server/rest/public-views";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Params) {
  return publicFormDefinition(request, (await params).slug);
}

export async function POST(request: Request, { params }: Params) {
  return submitPublicForm(request, (await params).slug);
}

export const OPTIONS = publicPreflight;
