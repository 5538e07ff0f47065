import { publicPreflight, publishedViewData } from "@/server/rest/public-views";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string }> };

export async function GET(request: Request, { params }: Params) {
  return publishedViewData(request, (await params).slug);
}

export const OPTIONS = publicPreflight;
