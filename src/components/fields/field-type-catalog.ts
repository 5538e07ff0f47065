import { type FieldType, fieldTypes } from "@/lib/fields/field-type";
import { fieldTypeDefinition } from "@/lib/fields/registry";

/** The type pickers' groups; every type appears in exactly one (checked by a test). */
export const fieldTypeGroups: ReadonlyArray<{ label: string; types: readonly FieldType[] }> = [
  { label: "Text", types: ["text", "long_text", "email", "url", "phone"] },
  { label: "Numbers", types: ["number", "currency", "percent", "duration", "rating", "progress"] },
  { label: "Choices", types: ["boolean", "single_select", "multi_select"] },
  { label: "Dates", types: ["date", "datetime"] },
  { label: "People and files", types: ["user", "attachment"] },
  { label: "Relations and formulas", types: ["link", "lookup", "rollup", "count", "formula"] },
  { label: "Filled in by Tessera", types: ["autonumber", "created_time", "created_by", "last_modified_time", "last_modified_by"] },
];

export function isFieldType(type: string): type is FieldType {
  return (fieldTypes as readonly string[]).includes(type);
}

/** Whether the add-field form offers this type: the registry has it (the server refuses the others). */
export function isOfferedFieldType(type: string): boolean {
  return isFieldType(type) && fieldTypeDefinition(type) !== undefined;
}

/** Whether people write this type's values (not system, autonumber or computed ones). */
export function isWritableFieldType(type: string): boolean {
  return isFieldType(type) && fieldTypeDefinition(type)?.readOnly === false;
}

export function fieldTypeLabel(type: string): string {
  if (!isFieldType(type)) return type;
  return fieldTypeDefinition(type)?.label ?? type;
}

/**
 * Whether a field of this type can change type, and to which: between types
 * people type into, links aside (they hold rows, not values, and the server
 * does not convert them).
 */
export function isConvertibleFieldType(type: string): boolean {
  return isWritableFieldType(type) && type !== "link";
}
