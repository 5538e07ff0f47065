"use client";

import { useEffect, useRef, useState } from "react";
import { LoaderCircle, Paperclip, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { sendFile } from "@/components/uploads/send-file";
import { type Attachment, fileSize } from "./attachments";

type Upload =
  | { key: number; name: string; status: "uploading"; progress: number }
  | { key: number; name: string; status: "done"; file: Attachment }
  | { key: number; name: string; status: "failed"; error: string };

type AttachmentInputProps = {
  id: string;
  /** The field's input name: each attached file's id is submitted under it. */
  name: string;
  workspaceId: string;
  /** The files the row already has. */
  attached: readonly Attachment[];
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

/**
 * Files for an attachment field: each chosen file is uploaded to the
 * workspace at once, and the form carries only the ids, in hidden inputs.
 * Files already attached are listed with a box to remove them. While an
 * upload runs the form refuses to submit, so no file is silently left out.
 */
export function AttachmentInput({ id, name, workspaceId, attached, ...aria }: AttachmentInputProps) {
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [uploads, setUploads] = useState<Upload[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const nextKey = useRef(0);
  const uploading = uploads.some((u) => u.status === "uploading");

  // The form's reset (after a row is added) starts this input over too.
  useEffect(() => {
    const form = picker.current?.form;
    if (!form) return;
    const reset = () => {
      setRemoved(new Set());
      setUploads([]);
    };
    form.addEventListener("reset", reset);
    return () => form.removeEventListener("reset", reset);
  }, []);

  useEffect(() => {
    picker.current?.setCustomValidity(uploading ? "Wait for the files to finish uploading" : "");
  }, [uploading]);

  const update = (key: number, upload: Upload) => setUploads((list) => list.map((u) => (u.key === key ? upload : u)));

  function upload(file: File) {
    const key = nextKey.current++;
    setUploads((list) => [...list, { key, name: file.name, status: "uploading", progress: 0 }]);
    const url = `/api/v1/files?${new URLSearchParams({ workspaceId, name: file.name })}`;
    sendFile<Attachment>(url, file, {
      contentType: file.type || "application/octet-stream",
      onProgress: (progress) => update(key, { key, name: file.name, status: "uploading", progress }),
    }).then(
      (uploaded) => update(key, { key, name: file.name, status: "done", file: uploaded }),
      (error: unknown) => update(key, { key, name: file.name, status: "failed", error: error instanceof Error ? error.message : "The upload failed" }),
    );
  }

  return (
    <div className="grid gap-2">
      {attached.length > 0 ? (
        <ul aria-label="Attached files" className="grid gap-1.5">
          {attached.map((file) => (
            <li key={file.id} className="flex items-center gap-2 text-sm">
              {removed.has(file.id) ? null : <input type="hidden" name={name} value={file.id} />}
              <Paperclip aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
              <a href={file.url} target="_blank" rel="noopener" className="min-w-0 truncate text-primary underline-offset-4 hover:underline">
                {file.name}
              </a>
              <span className="shrink-0 text-xs text-muted-foreground">{fileSize(file.size)}</span>
              <label className="ml-auto flex shrink-0 items-center gap-1.5 text-xs">
                <Checkbox
                  checked={removed.has(file.id)}
                  onChange={(event) => {
                    const checked = event.target.checked;
                    setRemoved((set) => {
                      const next = new Set(set);
                      if (checked) next.add(file.id);
                      else next.delete(file.id);
                      return next;
                    });
                  }}
                />
                Remove<span className="sr-only"> {file.name}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <Input
        ref={picker}
        id={id}
        type="file"
        multiple
        className="py-1.5 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // The files travel by upload, not with the form: clear the picker so it submits nothing.
          event.currentTarget.value = "";
          files.forEach(upload);
        }}
        {...aria}
      />
      {uploads.length > 0 ? (
        <ul aria-label="Uploads" aria-live="polite" className="grid gap-1.5">
          {uploads.map((u) => (
            <li key={u.key} className="flex items-center gap-2 text-sm">
              {u.status === "done" ? <input type="hidden" name={name} value={u.file.id} /> : null}
              {u.status === "uploading" ? (
                <LoaderCircle aria-hidden className="size-3.5 shrink-0 animate-spin text-muted-foreground" />
              ) : (
                <Paperclip aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
              )}
              <span className="min-w-0 truncate">{u.name}</span>
              <span className={u.status === "failed" ? "text-xs text-destructive" : "shrink-0 text-xs text-muted-foreground"}>
                {u.status === "uploading" ? `Uploading… ${Math.round(u.progress * 100)}%` : u.status === "done" ? "Uploaded" : u.error}
              </span>
              {u.status === "uploading" ? null : (
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="ml-auto size-7"
                  onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                >
                  <X aria-hidden />
                  <span className="sr-only">
                    {u.status === "done" ? "Remove" : "Dismiss"} {u.name}
                  </span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
