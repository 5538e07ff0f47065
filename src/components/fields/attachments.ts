/** A file of an attachment field, as the API reads it back. */
export type Attachment = { id: string; name: string; url: string; size: number; type: string };

export const isAttachment = (value: unknown): value is Attachment =>
  typeof value === "object" && value !== null && typeof (value as Attachment).id === "string" && typeof (value as Attachment).name === "string";
