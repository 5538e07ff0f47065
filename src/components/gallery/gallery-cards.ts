import type { Attachment } from "@/components/fields/attachments";

export type GalleryField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };
export type GalleryTable = { id: string; name: string; primaryFieldId: string | null; fields: GalleryField[] };
export type GalleryRow = { id: string; fields: Record<string, unknown>; cover?: Attachment | null };

/** Fields a card shows under its title. */
export const CARD_FIELDS = 4;

/** The view's visible fields in its order (fields it does not order come after, in table order). */
export function visibleFields(table: GalleryTable, view: { hiddenFields: string[]; config: { fieldOrder?: string[] } }): GalleryField[] {
  const hidden = new Set(view.hiddenFields);
  const order = view.config.fieldOrder ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length + table.fields.findIndex((f) => f.id === id));
  return table.fields.filter((f) => !hidden.has(f.id)).sort((a, b) => rank(a.id) - rank(b.id));
}

/** What a card lists under its title: the first visible fields besides the title and the cover. */
export function cardFields(visible: readonly GalleryField[], primaryFieldId: string | null, coverFieldId: string | undefined): GalleryField[] {
  return visible.filter((f) => f.id !== primaryFieldId && f.id !== coverFieldId).slice(0, CARD_FIELDS);
}

/** Whether a browser can show the file as the card's picture. */
export const isImage = (file: Attachment) => file.type.startsWith("image/");
