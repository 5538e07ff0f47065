import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PublicForm } from "@/components/form/public-form";
import { Logo } from "@/components/logo";
import { publicFormForPage } from "@/server/rest/public-views";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const loadForm = cache(publicFormForPage);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const form = await loadForm((await params).slug);
  // A shared form is for the people given its link, not for search engines.
  return { title: form?.title ?? "Form not found", robots: { index: false } };
}

/** A published form, opened signed out at its share link. */
export default async function PublicFormPage({ params }: Props) {
  const { slug } = await params;
  const form = await loadForm(slug);
  if (!form) notFound();
  return (
    <main className="mx-auto grid w-full max-w-2xl gap-8 px-4 py-8 sm:py-12">
      <div className="rounded-xl border bg-background p-5 shadow-sm sm:p-8">
        <PublicForm slug={slug} definition={form} />
      </div>
      <p className="flex items-center justify-center gap-1.5 text-xs text-muted-foreground">
        Made with <Logo className="[&_svg]:size-4" />
      </p>
    </main>
  );
}
