"use client";

import { useState } from "react";
import { FileUp } from "lucide-react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/utils";

export const csvAccept = ".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values";

/**
 * A file input named "file" inside an area a CSV file can be dropped onto.
 * The input stays the way in for keyboards and screen readers; a drop puts
 * the file into it, so a form reads it the same either way.
 */
export function CsvFileDropZone({
  id,
  hint,
  disabled,
  inputRef,
  onFile,
}: {
  id: string;
  hint: string;
  disabled?: boolean;
  inputRef: React.RefObject<HTMLInputElement | null>;
  onFile?: (file: File) => void;
}) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={cn(
        "grid content-start gap-1.5 rounded-lg border-2 border-dashed border-border p-3 transition-colors",
        over && "border-primary bg-primary/5",
      )}
      onDragOver={(event) => {
        if (disabled || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const file = event.dataTransfer.files[0];
        if (disabled || !file) return;
        event.preventDefault();
        if (inputRef.current) inputRef.current.files = event.dataTransfer.files;
        onFile?.(file);
      }}
    >
      <Label htmlFor={id} className="flex items-center gap-2">
        <FileUp aria-hidden className="size-4 text-muted-foreground" />
        CSV file
      </Label>
      <Input
        ref={inputRef}
        id={id}
        name="file"
        type="file"
        accept={csvAccept}
        required
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        className="py-1.5 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) onFile?.(file);
        }}
      />
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {hint} Choose a file, or drop one here.
      </p>
    </div>
  );
}
