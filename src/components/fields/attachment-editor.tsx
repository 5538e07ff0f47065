"use client";

import { useLayoutEffect, useRef, useState } from "react";
import { LoaderCircle, Paperclip, Upload, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { type Attachment, fileSize } from "./attachments";
import { useEditorEnv } from "./editor-env";

type Pending = { key: number; name: string; progress: number } | { key: number; name: string; error: string };

type AttachmentEditorProps = {
  label: string;
  value: readonly Attachment[];
  onCommit: (files: Attachment[]) => void;
  onCancel: () => void;
  className?: string;
};

/**
 * A cell's files: each one listed with a button to remove it, new ones
 * uploaded to the workspace as soon as they are chosen. Saving waits for
 * the uploads, so no chosen file is silently left out; Escape discards.
 */
export function AttachmentEditor({ label, value, onCommit, onCancel, className }: AttachmentEditorProps) {
  const env = useEditorEnv();
  const [files, setFiles] = useState<Attachment[]>(() => [...value]);
  const [pending, setPending] = useState<Pending[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const nextKey = useRef(0);
  const done = useRef(false);
  const uploading = pending.some((p) => "progress" in p);

  useLayoutEffect(() => addButton.current?.focus(), []);

  function upload(file: File) {
    const key = nextKey.current++;
    const update = (next: Pending | null) => setPending((list) => (next ? list.map((p) => (p.key === key ? next : p)) : list.filter((p) => p.key !== key)));
    setPending((list) => [...list, { key, name: file.name, progress: 0 }]);
    env.upload(file, (progress) => update({ key, name: file.name, progress })).then(
      (uploaded) => {
        update(null);
        setFiles((list) => [...list, uploaded]);
      },
      (error: unknown) => update({ key, name: file.name, error: error instanceof Error ? error.message : "The upload failed" }),
    );
  }

  const save = () => {
    if (uploading) return;
    done.current = true;
    onCommit(files);
  };

  return (
    <div
      role="group"
      aria-label={`Files of ${label}`}
      className={cn("grid w-72 max-w-[80vw] gap-2 rounded-sm border-2 border-primary bg-background p-2 shadow-lg", className)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Escape") {
          event.preventDefault();
          done.current = true;
          onCancel();
        }
      }}
      onBlur={(event) => {
        // Focus moving to another element outside saves; the file chooser taking focus from the window (no target) does not.
        const to = event.relatedTarget as Node | null;
        if (done.current || !to || event.currentTarget.contains(to) || uploading) return;
        save();
      }}
    >
      {files.length > 0 ? (
        <ul aria-label="Attached files" className="grid gap-1">
          {files.map((file) => (
            <li key={file.id} className="flex items-center gap-2 text-sm">
              <Paperclip aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
              <a href={file.url} target="_blank" rel="noopener" className="min-w-0 truncate text-primary underline-offset-4 hover:underline">
                {file.name}
              </a>
              <span className="shrink-0 text-xs text-muted-foreground">{fileSize(file.size)}</span>
              <Button type="button" variant="ghost" size="icon" className="ml-auto size-7" onClick={() => setFiles((list) => list.filter((f) => f.id !== file.id))}>
                <X aria-hidden />
                <span className="sr-only">Remove {file.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No files.</p>
      )}
      {pending.length > 0 ? (
        <ul aria-label="Uploads" aria-live="polite" className="grid gap-1">
          {pending.map((p) => (
            <li key={p.key} className="flex items-center gap-2 text-sm">
              {"progress" in p ? <LoaderCircle aria-hidden className="size-3.5 shrink-0 animate-spin text-muted-foreground" /> : null}
              <span className="min-w-0 truncate">{p.name}</span>
              {"progress" in p ? (
                <span className="shrink-0 text-xs text-muted-foreground">Uploading… {Math.round(p.progress * 100)}%</span>
              ) : (
                <>
                  <span className="min-w-0 text-xs text-destructive">{p.error}</span>
                  <Button type="button" variant="ghost" size="icon" className="ml-auto size-7" onClick={() => setPending((list) => list.filter((x) => x.key !== p.key))}>
                    <X aria-hidden />
                    <span className="sr-only">Dismiss {p.name}</span>
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        aria-label={`Files to add to ${label}`}
        onChange={(event) => {
          const chosen = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = "";
          chosen.forEach(upload);
          addButton.current?.focus();
        }}
      />
      <div className="flex items-center justify-between gap-2">
        <Button ref={addButton} type="button" variant="outline" size="sm" onClick={() => picker.current?.click()}>
          <Upload aria-hidden />
          Add files
        </Button>
        <div className="flex gap-1">
          <Button
            type="button"
            variant="ghost"
            size="sm"
            onClick={() => {
              done.current = true;
              onCancel();
            }}
          >
            Cancel
          </Button>
          <Button type="button" size="sm" disabled={uploading} onClick={save}>
            {uploading ? "Uploading…" : "Save"}
          </Button>
        </div>
      </div>
    </div>
  );
}
