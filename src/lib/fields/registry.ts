import type { FieldType, FieldTypeDefinition } from "./field-type";
import { attachment } from "./types/attachment";
import { boolean } from "./types/boolean";
import { count, lookup, rollup } from "./types/computed";
import { date, datetime } from "./types/date";
import { formula } from "./types/formula";
import { link } from "./types/link";
import { currency, duration, number, percent, progress, rating } from "./types/number";
import { multiSelect, singleSelect } from "./types/select";
import { autonumber, createdBy, createdTime, lastModifiedBy, lastModifiedTime } from "./types/system";
import { email, longText, phone, text, url } from "./types/text";
import { user } from "./types/user";

/**
 * The field-type registry: adding a type means adding an entry here. Types
 * listed in `fieldTypes` but absent here are not available yet and are
 * refused with 400.
 */
export const fieldTypeRegistry: Partial<Record<FieldType, FieldTypeDefinition<any>>> = {
  text,
  long_text: longText,
  number,
  currency,
  percent,
  boolean,
  date,
  datetime,
  single_select: singleSelect,
  multi_select: multiSelect,
  email,
  url,
  phone,
  rating,
  progress,
  duration,
  user,
  attachment,
  link,
  lookup,
  rollup,
  count,
  formula,
  autonumber,
  created_time: createdTime,
  created_by: createdBy,
  last_modified_time: lastModifiedTime,
  last_modified_by: lastModifiedBy,
};

export function fieldTypeDefinition(type: FieldType): FieldTypeDefinition<any> | undefined {
  return fieldTypeRegistry[type];
}
