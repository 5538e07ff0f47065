// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { AppRouter } from "@/server/api/root";
import { TRPCProvider } from "@/trpc/react";
import { monthWeeks } from "./calendar-days";
import { CalendarView } from "./calendar-view";

vi.mock("next/navigation", () => ({ useSearchParams: () => new URLSearchParams("month=2026-03") }));

const table = {
  id: "t1",
  name: "Events",
  primaryFieldId: "f_name",
  fields: [
    { id: "f_name", name: "Name", type: "text", options: {} },
    { id: "f_start", name: "Start", type: "date", options: {} },
    { id: "f_end", name: "End", type: "date", options: {} },
  ],
};
const view = { id: "v1", name: "Schedule", hiddenFields: [], config: { dateFieldId: "f_start", endDateFieldId: "f_end" } };
const rows = [{ id: "r1", version: 1, fields: { f_name: "Kickoff", f_start: "2026-03-05", f_end: null } }];

type Call = { path: string; input: unknown };

/** A tRPC client answering from `handle`, so the calendar talks to no server. */
function renderCalendar(handle: (call: Call) => Promise<unknown>) {
  const link: TRPCLink<AppRouter> = () => ({ op }) =>
    observable((observer) => {
      handle({ path: op.path, input: op.input }).then(
        (data) => {
          observer.next({ result: { type: "data", data } });
          observer.complete();
        },
        (error: unknown) => observer.error(error as TRPCClientError<AppRouter>),
      );
    });
  const trpcClient = createTRPCClient<AppRouter>({ links: [link] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <CalendarView table={table} view={view} canWrite />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

// jsdom lays nothing out: each day is a 100px square in the month grid, a
// chip sits inside its day, and the drag overlay starts on the picked-up chip.
const days = monthWeeks("2026-03").flat();
function layout(element: Element): DOMRect {
  const cell = element.closest("[data-day]") as HTMLElement | null;
  if (!cell) {
    const held = document.querySelector('[data-day] [aria-pressed="true"]');
    return held ? layout(held) : new DOMRect(0, 0, 0, 0);
  }
  const i = days.indexOf(cell.dataset.day!);
  const [x, y] = [(i % 7) * 100, Math.floor(i / 7) * 100];
  return element === cell ? new DOMRect(x, y, 100, 100) : new DOMRect(x + 2, y + 30, 90, 20);
}
beforeEach(() => {
  vi.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
    return layout(this);
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const dayGroup = (label: string) => screen.getByRole("group", { name: label });

describe("calendar view", () => {
  test("a move someone else's change got to first is undone, with the conflict said", async () => {
    const updates: unknown[] = [];
    renderCalendar(async ({ path, input }) => {
      if (path === "view.data") return { rows, nextCursor: null };
      if (path === "row.update") {
        updates.push(input);
        throw new TRPCClientError("The row changed", { result: { error: { data: { code: "CONFLICT" } } } as never });
      }
      throw new Error(`unexpected ${path}`);
    });
    const user = userEvent.setup();
    const kickoff = await within(dayGroup("Thursday, March 5, 2026")).findByRole("button", { name: "Kickoff, Mar 5" });

    kickoff.focus();
    await user.keyboard("[Space]");
    await screen.findByText("Kickoff is over Thursday, March 5, 2026.");
    await user.keyboard("[ArrowRight]");
    await screen.findByText("Kickoff is over Friday, March 6, 2026.");
    await user.keyboard("[Space]");

    expect((await screen.findByRole("alert")).textContent).toContain("Someone else changed Kickoff first, so it was not moved");
    expect(updates).toEqual([
      { tableId: "t1", fieldKey: "id", rows: [{ id: "r1", fields: { f_start: "2026-03-06" }, expected: { f_start: "2026-03-05", f_end: null } }] },
    ]);
    expect(within(dayGroup("Thursday, March 5, 2026")).getByRole("button", { name: "Kickoff, Mar 5" })).toBeTruthy();
    expect(within(dayGroup("Friday, March 6, 2026")).queryByRole("button", { name: /^Kickoff/ })).toBeNull();
  });

  test("a record that could not be added keeps what was typed", async () => {
    renderCalendar(async ({ path }) => {
      if (path === "view.data") return { rows, nextCursor: null };
      if (path === "row.create") throw new Error("Network down");
      throw new Error(`unexpected ${path}`);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add record on Friday, March 20, 2026" }));
    const form = await screen.findByRole("dialog", { name: "New record on Friday, March 20, 2026" });
    await user.type(within(form).getByLabelText("Name"), "Planning");
    await user.click(within(form).getByRole("button", { name: "Add record" }));

    expect((await screen.findByRole("alert")).textContent).toBe("The record was not added (Network down).");
    expect(within(screen.getByRole("dialog")).getByLabelText("Name")).toHaveProperty("value", "Planning");
  });
});
