import type { Attachment } from "@/components/fields/attachments";
import { inViewOrder } from "@/lib/views/field-order";

export type GalleryField = { id: string; name: string; type: string; options: unknown; readOnly?: boolean };
export type GalleryTable = { id: string; name: string; primaryFieldId: string | null; fields: GalleryField[] };
export type GalleryRow = { id: string; fields: Record<string, unknown>; cover?: Attachment | null };

/** Fields a card shows under its title. */
export const CARD_FIELDS = 4;

/** The view's visible fields in its order (the primary first; fields it does not order after, in table order). */
export function visibleFields(table: GalleryTable, view: { hiddenFields: string[]; config: { fieldOrder?: string[] } }): GalleryField[] {
  const hidden = new Set(view.hiddenFields);
  return inViewOrder(table.fields, table.primaryFieldId, view.config.fieldOrder).filter((f) => !hidden.has(f.id));
}

/** What a card lists under its title: the first visible fields besides the title and the cover. */
export function cardFields(visible: readonly GalleryField[], primaryFieldId: string | null, coverFieldId: string | undefined): GalleryField[] {
  return visible.filter((f) => f.id !== primaryFieldId && f.id !== coverFieldId).slice(0, CARD_FIELDS);
}

/** Whether a browser can show the file as the card's picture. */
export const isImage = (file: Attachment) => file.type.startsWith("image/");
