"use client";

import { Copy, ExternalLink, Share2 } from "lucide-react";
import { useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPCClient } from "@/trpc/react";
import { clientError } from "@/trpc/client-error";

export type FormShare = { slug: string; enabled: boolean; auth: "public" | "api_key"; url: string } | null;

type Notice = { kind: "info" | "error"; text: string };

const noSubscription = () => () => {};
/** This page's origin, for a link to copy (the server renders the path alone). */
const useOrigin = () => useSyncExternalStore(noSubscription, () => window.location.origin, () => "");


/**
 * Shares the form at a link anyone can open signed out (view.publish with
 * auth "public"), shows and copies that link, and stops sharing it.
 */
export function ShareForm({ viewId, share: initial }: { viewId: string; share: FormShare }) {
  const client = useTRPCClient();
  const ids = useId();
  const [share, setShare] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const shared = share?.enabled === true && share.auth === "public";
  const origin = useOrigin();
  const link = share ? `${origin}${share.url}` : "";

  async function publish(enabled: boolean) {
    setBusy(true);
    setNotice(null);
    try {
      const result = await client.view.publish.mutate({ viewId, enabled, auth: "public" });
      setShare({ slug: result.slug, url: result.url, enabled: result.enabled, auth: result.auth });
      setNotice({ kind: "info", text: enabled ? "Anyone with the link can fill in this form." : "The form is no longer shared; its link stops working." });
    } catch (error) {
      setNotice({ kind: "error", text: `${enabled ? "Not shared" : "Still shared"}: ${clientError(error).message}` });
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setNotice({ kind: "info", text: "Link copied." });
    } catch {
      setNotice({ kind: "error", text: "The link could not be copied here; select it and copy it yourself." });
    }
  }

  return (
    <section aria-labelledby={`${ids}-heading`} className="grid gap-3 rounded-lg border p-4">
      <h2 id={`${ids}-heading`} className="text-base font-semibold">
        Share form
      </h2>
      {share?.enabled && share.auth === "api_key" ? (
        <p className="text-sm text-muted-foreground">This form is published behind an API key; sharing it makes it open to anyone with the link instead.</p>
      ) : null}
      {shared ? (
        <>
          <div className="grid gap-1.5">
            <Label htmlFor={`${ids}-link`}>Share link</Label>
            <div className="flex flex-wrap gap-2">
              <Input id={`${ids}-link`} readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 basis-64" />
              <Button type="button" variant="outline" onClick={copy}>
                <Copy aria-hidden /> Copy link
              </Button>
              <Button asChild variant="ghost">
                <a href={link} target="_blank" rel="noreferrer">
                  <ExternalLink aria-hidden /> Open
                </a>
              </Button>
            </div>
          </div>
          <div>
            <Button type="button" variant="outline" disabled={busy} onClick={() => publish(false)}>
              Stop sharing
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-muted-foreground">Only members of the workspace can fill in this form.</p>
          <Button type="button" disabled={busy} onClick={() => publish(true)}>
            <Share2 aria-hidden /> Share form
          </Button>
        </div>
      )}
      <div aria-live="polite" className="min-h-5 text-sm">
        {notice ? (
          <p role={notice.kind === "error" ? "alert" : "status"} className={notice.kind === "error" ? "text-destructive" : "text-muted-foreground"}>
            {notice.text}
          </p>
        ) : null}
      </div>
    </section>
  );
}
