/**
 * A table's fields in a view's order: the primary first, then the ids of the
 * view's `fieldOrder`, then the fields it does not list (added since) in the
 * table's order.
 */
export function inViewOrder<F extends { id: string }>(fields: readonly F[], primaryFieldId: string | null, fieldOrder: unknown): F[] {
  const order = Array.isArray(fieldOrder) ? (fieldOrder as string[]) : [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length + fields.findIndex((f) => f.id === id));
  return [...fields].sort((a, b) => (a.id === primaryFieldId ? -1 : b.id === primaryFieldId ? 1 : rank(a.id) - rank(b.id)));
}
