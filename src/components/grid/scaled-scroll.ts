import { elementScroll, observeElementOffset, type Virtualizer } from "@tanstack/react-virtual";
import { useEffect, useState } from "react";

/**
 * Browsers cap how tall an element can be laid out (Chromium at about 33.5M
 * px, Firefox at about 17.9M): past the cap the rest of the content cannot
 * be scrolled to, so the last rows of a million at "medium" height (56M px)
 * would be out of reach. The scrolled content is never made taller than the
 * cap; when the rows need more, each scrolled pixel stands for `scale`
 * pixels of rows (the known virtual-scroll technique). The virtualiser works
 * in row coordinates, the element in its own, and the rows on screen sit in
 * a layer shifted by the difference. Scaling only where needed keeps native
 * scrolling (its speed, and the browser moving painted rows) everywhere else.
 */
let measured: number | null = null;

/** The tallest box this browser lays out (it clamps a taller one to it), less a margin; measured once. */
function measureCap(): number {
  if (measured === null) {
    const probe = document.createElement("div");
    probe.style.cssText = "position:absolute;top:0;left:0;width:1px;height:1000000000px;visibility:hidden";
    document.body.append(probe);
    // The scrolled content (the sticky header and the rows' box) must fit under it, a few pixels to spare.
    measured = Math.floor(Math.min(probe.getBoundingClientRect().height, 1e9)) - 10_000;
    probe.remove();
  }
  return measured;
}
// Unmeasured (the server's render, and hydrating it) nothing is scaled: the rows in sight then are the first ones, within any cap.
const currentCap = () => measured ?? Number.POSITIVE_INFINITY;

/**
 * The scroll height cap, for rendering: none while hydrating (as the server
 * rendered), then this browser's, measured after the first paint (the
 * measurement lays the page out) so the first rows are not kept waiting.
 */
export function useScrollHeightCap(): number {
  const [cap, setCap] = useState(currentCap);
  useEffect(() => setCap(measureCap()), []);
  return cap;
}
// The layer's origin moves in steps this large, so the rows' own offsets in it
// stay small (exact in the compositor's floats) and change only once a step.
const anchorStep = 1_000_000;

type RowVirtualizer = Virtualizer<HTMLDivElement, Element>;

/** Row pixels a scrolled pixel stands for: 1 until the content (margin and rows) passes `cap`. */
export function scrollScale(contentHeight: number, viewport: number, cap: number): number {
  if (contentHeight <= cap) return 1;
  // Both ranges end with the last rows at the bottom of the viewport.
  return (contentHeight - viewport) / (cap - viewport);
}

const scaleOf = (v: RowVirtualizer, cap = currentCap()) => scrollScale(v.options.scrollMargin + v.getTotalSize(), v.scrollRect?.height ?? 0, cap);

/**
 * The virtualiser options that translate between the two coordinates. A
 * scroll the virtualiser asked for reads back as its exact target: rounding
 * to whole element pixels would otherwise leave it up to `scale` pixels
 * short, which it would keep trying to correct. `attach` does the same for
 * the reads @tanstack/virtual-core (3.19) makes of the element itself, not
 * through these options: its offset, and its scroll range (which clamps
 * every scroll it is asked for, Ctrl+End's included). Those are internal
 * names: e2e/grid/big-table.spec.ts fails if an upgrade renames them.
 */
export function scaledScrollOptions() {
  let written: number | null = null;
  const toRows = (offset: number, v: RowVirtualizer) => {
    const scale = scaleOf(v);
    return written !== null && Math.abs(written / scale - offset) < 1 ? written : offset * scale;
  };
  const attached = new WeakSet<RowVirtualizer>();
  return {
    options: {
      observeElementOffset: (v: RowVirtualizer, cb: (offset: number, isScrolling: boolean) => void) =>
        observeElementOffset(v, (offset, isScrolling) => cb(toRows(offset, v), isScrolling)),
      scrollToFn: (offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, v: RowVirtualizer) => {
        written = offset + (options.adjustments ?? 0);
        elementScroll(written / scaleOf(v), { behavior: options.behavior }, v);
      },
    },
    attach(v: RowVirtualizer) {
      if (attached.has(v)) return;
      attached.add(v);
      const inner = v as unknown as Record<"_readElementOffset" | "_elementMaxScrollOffset", (() => number | null) | undefined>;
      const readOffset = inner._readElementOffset;
      const maxOffset = inner._elementMaxScrollOffset;
      if (readOffset) inner._readElementOffset = () => mapNullable(readOffset(), (offset) => toRows(offset, v));
      if (maxOffset) inner._elementMaxScrollOffset = () => mapNullable(maxOffset(), (max) => max * scaleOf(v));
    },
  };
}

const mapNullable = (n: number | null, f: (n: number) => number) => (n === null ? null : f(n));

/**
 * How to lay the rows out: the rows' box `height` (the scrolled content
 * under the margin), and the layer the rows are placed in, at `layerTop` in
 * that box; a row whose virtual item starts at `start` goes at
 * `start - anchor` in the layer. Unscaled, the layer is the box itself.
 */
export function scaledLayout(v: RowVirtualizer, cap: number): { height: number; layerTop: number; anchor: number } {
  const margin = v.options.scrollMargin;
  const scale = scaleOf(v, cap);
  if (scale === 1) return { height: v.getTotalSize(), layerTop: 0, anchor: margin };
  const offset = v.scrollOffset ?? 0;
  const anchor = margin + Math.floor(offset / anchorStep) * anchorStep;
  // The element is scrolled to offset / scale: the rows at `offset` are brought up to it.
  return { height: cap - margin, layerTop: anchor - margin - (offset - offset / scale), anchor };
}
