import { describe, expect, test } from "vitest";
import type { Virtualizer } from "@tanstack/react-virtual";
import { scaledLayout, scrollScale } from "./scaled-scroll";

const cap = 15_000_000;

// What scaledLayout reads of a virtualiser: its margin (the sticky header), the rows' height, the viewport, the offset.
const virtualizer = (rows: number, rowHeight: number, offset: number, viewport = 600, margin = 36) =>
  ({ options: { scrollMargin: margin }, getTotalSize: () => rows * rowHeight, scrollRect: { height: viewport, width: 1280 }, scrollOffset: offset }) as unknown as Virtualizer<
    HTMLDivElement,
    Element
  >;

describe("the scaled scroll space of a grid too tall for the browser", () => {
  test("is not scaled while the content fits", () => {
    expect(scrollScale(1_000_000, 600, cap)).toBe(1);
    expect(scaledLayout(virtualizer(10_000, 33, 5_000), cap)).toEqual({ height: 330_000, layerTop: 0, anchor: 36 });
  });

  test("past the cap, the content is the cap and its whole range covers the rows' range", () => {
    const rows = 1_000_000;
    const content = 36 + rows * 56;
    const scale = scrollScale(content, 600, cap);
    expect(scale).toBeCloseTo((content - 600) / (cap - 600));
    expect(scaledLayout(virtualizer(rows, 56, 0), cap).height + 36).toBe(cap);
    // Scrolled to the bottom of the element, the virtualiser's offset is the rows' last screen.
    expect((cap - 600) * scale).toBeCloseTo(content - 600);
  });

  test("each row is placed where the scrolled element shows its virtual offset, at every depth", () => {
    const rowHeight = 56;
    for (const offset of [0, 123_456, 27_999_999, 55_999_000]) {
      const v = virtualizer(1_000_000, rowHeight, offset);
      const { layerTop, anchor } = scaledLayout(v, cap);
      const scale = scrollScale(36 + 1_000_000 * rowHeight, 600, cap);
      const elementScrollTop = offset / scale;
      // The row starting at the virtual offset (under the header) is at the element's scroll position, under its header.
      const start = offset + 36;
      const inContent = 36 + layerTop + (start - anchor);
      expect(inContent - elementScrollTop).toBeCloseTo(36, 6);
      // Offsets inside the layer stay small, whatever the depth.
      expect(Math.abs(start - anchor)).toBeLessThan(1_100_000);
    }
  });
});
