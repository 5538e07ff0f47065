// @vitest-environment jsdom
import { cleanup, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OFFLINE_REFRESH_MS, useTableRefresh } from "./use-table-refresh";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

// No TableRealtimeProvider above: realtime is not configured, as with `npx next dev` alone.
describe("useTableRefresh without realtime", () => {
  it("reads again every few seconds and on focus, and not while the view is mid-write", () => {
    const refresh = vi.fn();
    let held = false;
    renderHook(() => useTableRefresh(refresh, () => held));
    expect(refresh).not.toHaveBeenCalled();

    vi.advanceTimersByTime(OFFLINE_REFRESH_MS);
    expect(refresh).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event("focus"));
    expect(refresh).toHaveBeenCalledTimes(2);

    held = true;
    vi.advanceTimersByTime(OFFLINE_REFRESH_MS * 3);
    window.dispatchEvent(new Event("focus"));
    expect(refresh).toHaveBeenCalledTimes(2);

    held = false;
    vi.advanceTimersByTime(OFFLINE_REFRESH_MS);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it("stops when the view closes", () => {
    const refresh = vi.fn();
    const { unmount } = renderHook(() => useTableRefresh(refresh));
    unmount();
    vi.advanceTimersByTime(OFFLINE_REFRESH_MS * 2);
    window.dispatchEvent(new Event("focus"));
    expect(refresh).not.toHaveBeenCalled();
  });
});
