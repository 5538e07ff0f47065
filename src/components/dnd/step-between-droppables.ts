import { KeyboardCode, type KeyboardCoordinateGetter } from "@dnd-kit/core";

type Coordinates = { x: number; y: number };

type Rect = { top: number; left: number; width: number; height: number };

/**
 * Keyboard dragging from one drop target to the next along an axis (stacks
 * left to right, questions top to bottom) instead of by pixels: the arrows
 * of that axis step to the previous or next target, the other axis's arrows
 * do nothing. `land` says where in the target the dragged item goes.
 */
export function stepBetweenDroppables(
  axis: "x" | "y",
  land: (target: Rect, current: Coordinates) => Coordinates,
  /** Which drop targets are stepped between (all by default; a kanban's stacks, not the cards in them). */
  accepts: (id: string | number) => boolean = () => true,
): KeyboardCoordinateGetter {
  const [back, forth, other] = axis === "x" ? [KeyboardCode.Left, KeyboardCode.Right, [KeyboardCode.Up, KeyboardCode.Down]] : [KeyboardCode.Up, KeyboardCode.Down, [KeyboardCode.Left, KeyboardCode.Right]];
  return (event, { currentCoordinates, context }) => {
    const step = event.code === forth ? 1 : event.code === back ? -1 : 0;
    if ((other as string[]).includes(event.code)) event.preventDefault();
    if (step === 0) return undefined;
    event.preventDefault();
    const { droppableRects, droppableContainers, collisionRect, over } = context;
    const start = (r: Rect) => (axis === "x" ? r.left : r.top);
    const size = (r: Rect) => (axis === "x" ? r.width : r.height);
    const targets = droppableContainers
      .getEnabled()
      .filter((container) => accepts(container.id))
      .map((container) => ({ id: container.id, rect: droppableRects.get(container.id) }))
      .filter((t): t is { id: string | number; rect: NonNullable<typeof t.rect> } => t.rect !== undefined)
      .sort((a, b) => start(a.rect) - start(b.rect));
    const at = collisionRect ? start(collisionRect) + size(collisionRect) / 2 : currentCoordinates[axis];
    let index = over ? targets.findIndex((t) => t.id === over.id) : -1;
    // Over none yet: the step starts from the target the item sits in.
    if (index < 0) index = targets.findIndex((t) => start(t.rect) <= at && at <= start(t.rect) + size(t.rect));
    const target = index < 0 ? (step > 0 ? targets[0] : targets.at(-1)) : targets[index + step];
    return target ? land(target.rect, currentCoordinates) : undefined;
  };
}
