/** A file of an attachment field, as the API reads it back. */
export type Attachment = { id: string; name: string; url: string; size: number; type: string };

export const isAttachment = (value: unknown): value is Attachment =>
  typeof value === "object" && value !== null && typeof (value as Attachment).id === "string" && typeof (value as Attachment).name === "string";

const sizeFormat = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** A file's size as people read it: 512 B, 3.4 KB, 1.2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / 1024 / 1024)} MB`;
}
