// Where a kanban card dropped over a card or a stack goes: pure, so the board and its tests share it.

export type CardRow = { id: string; version?: number; fields: Record<string, unknown> };
/** A stack's key: a choice's name, a person `{ id, name }`, or null for the cards without a value. */
export type StackKey = string | { id: string; name: string | null } | null;
export type Stack = { key: StackKey; count: number; rows: CardRow[] };

/** A stack's drop-target id (cards are their row ids). */
export const stackId = (key: StackKey) => (key === null ? "stack:none" : typeof key === "string" ? `stack:${key}` : `stack:user:${key.id}`);
export const isStack = (id: string | number) => String(id).startsWith("stack:");

/** Where a dropped card goes: its stack, its index there (among the other cards), and the card it follows (null: first). */
export type Drop = { from: Stack; to: Stack; index: number; after: string | null };

/**
 * The drop of `rowId` over `overId` (a card or a stack). Within its own stack
 * the card takes the place of the card it is over (as the sortable list shows
 * while dragging); in another stack it goes before or after the card it is
 * over, by which half it was dropped on, or last when dropped on the stack.
 */
export function dropOf(stacks: Stack[], rowId: string, overId: string, droppedBelow: boolean): Drop | null {
  const from = stacks.find((s) => s.rows.some((r) => r.id === rowId));
  const to = isStack(overId) ? stacks.find((s) => stackId(s.key) === overId) : stacks.find((s) => s.rows.some((r) => r.id === overId));
  if (!from || !to) return null;
  const rest = to.rows.filter((r) => r.id !== rowId);
  let index: number;
  if (isStack(overId)) {
    if (from === to) return null;
    index = rest.length;
  } else if (from === to) {
    const oldIndex = from.rows.findIndex((r) => r.id === rowId);
    const overIndex = from.rows.findIndex((r) => r.id === overId);
    if (oldIndex === overIndex) return null;
    // Moving down it lands after the card it is over, moving up before it: either way at the over card's index.
    index = overIndex;
  } else {
    index = rest.findIndex((r) => r.id === overId) + (droppedBelow ? 1 : 0);
  }
  return { from, to, index, after: index === 0 ? null : rest[index - 1]!.id };
}

