// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";
import { FormulaEditor } from "./formula-editor";

const fields = [
  { id: "f1", name: "Price", type: "number", options: {} },
  { id: "f2", name: "Qty", type: "number", options: {} },
  { id: "f3", name: "Total", type: "formula", options: { formula: "{Price} * {Qty}" } },
];

afterEach(cleanup);

describe("the formula editor", () => {
  test("checks as one types: what the formula gives, or the error and where it is", async () => {
    const user = userEvent.setup();
    render(<FormulaEditor id="formula" name="formula" fields={fields} selfId="f3" />);
    const input = screen.getByRole("textbox", { name: "" });
    await user.type(input, "{{Price} * 2");
    expect(screen.getByText("Gives a number.")).toBeTruthy();
    await user.clear(input);
    await user.type(input, "{{Price} +");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById("formula-check")!.textContent).toMatch(/\(at character \d+\)\.$/);
    await user.clear(input);
    await user.type(input, "{{Nope}");
    expect(document.getElementById("formula-check")!.textContent).toMatch(/Nope/);
  });

  test("refuses a formula that refers to its own field", async () => {
    const user = userEvent.setup();
    render(<FormulaEditor id="formula" name="formula" fields={fields} selfId="f3" />);
    await user.type(screen.getByRole("textbox", { name: "" }), "{{Total} + 1");
    expect(screen.getByRole("textbox", { name: "" }).getAttribute("aria-invalid")).toBe("true");
  });

  test("inserts a field or a function at the cursor", async () => {
    const user = userEvent.setup();
    render(<FormulaEditor id="formula" name="formula" defaultValue="1 + " fields={fields} selfId="f3" />);
    await user.click(screen.getByText("Fields and functions"));
    await user.click(screen.getByRole("button", { name: "{Qty}" }));
    const input = screen.getByRole("textbox", { name: "" }) as HTMLTextAreaElement;
    expect(input.value).toBe("1 + {Qty}");
    expect(screen.queryByRole("button", { name: "{Total}" })).toBeNull();
    await user.type(screen.getByRole("textbox", { name: "Find a function" }), "round");
    const functions = screen.getByRole("list", { name: "Functions" });
    expect(functions.textContent).toContain("ROUND(");
    expect(functions.textContent).not.toContain("CONCATENATE");
  });
});
