// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type EditorEnv, EditorEnvProvider } from "@/components/fields/editor-env";
import { CellEditor, type CellEditorProps } from "./cell-editor";
import { editorKind, type GridField } from "./cell-values";

afterEach(cleanup);

const field = (type: string, options: unknown = {}): GridField => ({ id: `f_${type}`, name: `My ${type}`, type, options });

function fakeEnv(overrides: Partial<EditorEnv> = {}): EditorEnv {
  return {
    members: async () => [
      { id: "aaaaaaaaaaaaaaaa", name: "Ada Lovelace" },
      { id: "bbbbbbbbbbbbbbbb", name: "Grace Hopper" },
    ],
    searchRows: async () => [],
    upload: async () => {
      throw new Error("no uploads in this test");
    },
    ...overrides,
  };
}

function open(f: GridField, props: Partial<CellEditorProps> = {}, env: EditorEnv = fakeEnv()) {
  const onCommit = vi.fn();
  const onCancel = vi.fn();
  render(
    <EditorEnvProvider value={env}>
      <CellEditor field={f} kind={editorKind(f)!} value={null} onCommit={onCommit} onCancel={onCancel} {...props} />
    </EditorEnvProvider>,
  );
  return { onCommit, onCancel, user: userEvent.setup() };
}

const status = field("single_select", { choices: [{ name: "Open" }, { name: "Done" }] });

describe("select editor", () => {
  it("offers to create a typed name that is no choice, creates it, then saves it", async () => {
    const createChoice = vi.fn(async () => undefined);
    const { onCommit, user } = open(status, {}, fakeEnv({ createChoice }));
    await user.type(screen.getByRole("combobox", { name: "My single_select" }), "Blocked");
    expect(screen.getByRole("option", { name: "Create choice “Blocked”" })).toBeTruthy();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(onCommit).toHaveBeenCalledWith("Blocked", "down"));
    expect(createChoice).toHaveBeenCalledWith(status, "Blocked");
  });

  it("does not offer to create a choice that exists (case aside) or for a reader who may not alter the table", async () => {
    const { user } = open(status, {}, fakeEnv({ createChoice: async () => undefined }));
    await user.type(screen.getByRole("combobox"), "done");
    expect(screen.queryByRole("option", { name: /Create choice/ })).toBeNull();
    expect(screen.getByRole("option", { name: "Done" })).toBeTruthy();
    cleanup();

    const second = open(status);
    await second.user.type(screen.getByRole("combobox"), "Blocked");
    expect(screen.queryByRole("option", { name: /Create choice/ })).toBeNull();
    expect(screen.getByText("No choice matches.")).toBeTruthy();
    await second.user.keyboard("{Enter}");
    expect(second.onCommit).not.toHaveBeenCalled();
  });

  it("keeps what was typed, with the reason, when the choice cannot be created", async () => {
    const { onCommit, user } = open(status, {}, fakeEnv({ createChoice: async () => Promise.reject(new Error("Forbidden")) }));
    const input = screen.getByRole("combobox");
    await user.type(input, "Blocked{Enter}");
    expect((await screen.findByRole("alert")).textContent).toContain("Forbidden");
    expect((input as HTMLInputElement).value).toBe("Blocked");
    expect(onCommit).not.toHaveBeenCalled();
  });

  it("adds a created choice to a multiple select's picks without closing", async () => {
    const tags = field("multi_select", { choices: [{ name: "Red" }] });
    const { onCommit, user } = open(tags, { value: ["Red"] }, fakeEnv({ createChoice: async () => undefined }));
    await user.type(screen.getByRole("combobox"), "Blue{ArrowDown}{Enter}");
    await waitFor(() => expect(screen.getByRole("option", { name: "Blue" }).getAttribute("aria-selected")).toBe("true"));
    expect(onCommit).not.toHaveBeenCalled();
    await user.keyboard("{Enter}");
    expect(onCommit).toHaveBeenCalledWith(["Red", "Blue"], "down");
  });
});

describe("link editor", () => {
  const supplier = field("link", { tableId: "ttttttttttttttt1", multiple: false });

  it("searches the linked table as one types and saves the row picked", async () => {
    const searchRows = vi.fn(async (_tableId: string, query: string) =>
      [
        { id: "1", name: "Acme Mills" },
        { id: "2", name: "Borealis Farm" },
      ].filter((row) => row.name.toLowerCase().includes(query.toLowerCase())),
    );
    const { onCommit, user } = open(supplier, {}, fakeEnv({ searchRows }));
    await user.type(screen.getByRole("combobox", { name: "My link" }), "bore");
    await waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Borealis Farm"]));
    expect(searchRows).toHaveBeenLastCalledWith("ttttttttttttttt1", "bore");
    await user.click(screen.getByRole("option", { name: "Borealis Farm" }));
    expect(onCommit).toHaveBeenCalledWith([{ id: "2", name: "Borealis Farm" }], null);
  });

  it("collects several rows for a multiple link, Backspace taking the last away", async () => {
    const searchRows = async (_tableId: string, query: string) =>
      [
        { id: "1", name: "Acme Mills" },
        { id: "2", name: "Borealis Farm" },
        { id: "3", name: "Cedar Co" },
      ].filter((row) => row.name.toLowerCase().includes(query.toLowerCase()));
    const many = field("link", { tableId: "ttttttttttttttt1", multiple: true });
    const { onCommit, user } = open(many, { value: [{ id: "1", name: "Acme Mills" }] }, fakeEnv({ searchRows }));
    const input = screen.getByRole("combobox");
    // Enter right after typing waits for the search's answer, then picks from it.
    await user.type(input, "cedar{Enter}");
    await waitFor(() => expect(screen.getByRole("list", { name: "Picked for My link" }).textContent).toContain("Cedar Co"));
    await user.type(input, "bor");
    await screen.findByRole("option", { name: "Borealis Farm" });
    await user.keyboard("{Enter}");
    await waitFor(() => expect(screen.getByRole("list", { name: "Picked for My link" }).textContent).toContain("Borealis Farm"));
    await user.keyboard("{Backspace}{Enter}");
    expect(onCommit).toHaveBeenCalledWith(
      [
        { id: "1", name: "Acme Mills" },
        { id: "3", name: "Cedar Co" },
      ],
      "down",
    );
  });

  it("cancels with Escape, saving nothing", async () => {
    const { onCommit, onCancel, user } = open(supplier, { value: [{ id: "1", name: "Acme Mills" }] });
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalled();
    expect(onCommit).not.toHaveBeenCalled();
  });
});

describe("user editor", () => {
  it("lists the workspace's members matching what is typed", async () => {
    const { onCommit, user } = open(field("user"), { initial: "g" });
    await waitFor(() => expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["Grace Hopper"]));
    await user.keyboard("{Enter}");
    expect(onCommit).toHaveBeenCalledWith([{ id: "bbbbbbbbbbbbbbbb", name: "Grace Hopper" }], "down");
  });
});

describe("rating editor", () => {
  const stars = field("rating", { max: 5 });

  it("changes by one with the arrows, jumps with a digit and saves with Enter", async () => {
    const { onCommit, user } = open(stars, { value: 2 });
    const slider = screen.getByRole("slider", { name: "My rating" });
    expect(slider.getAttribute("aria-valuenow")).toBe("2");
    await user.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}");
    expect(slider.getAttribute("aria-valuetext")).toBe("5 of 5");
    await user.keyboard("{ArrowLeft}{Enter}");
    expect(onCommit).toHaveBeenCalledWith(4, "down");
  });

  it("starts at a typed digit, empties with Delete, and cancels with Escape", async () => {
    const first = open(stars, { initial: "3" });
    expect(screen.getByRole("slider").getAttribute("aria-valuenow")).toBe("3");
    await first.user.keyboard("{Delete}{Tab}");
    expect(first.onCommit).toHaveBeenCalledWith(null, "right");
    cleanup();

    const second = open(stars, { value: 1 });
    await second.user.keyboard("4{Escape}");
    expect(second.onCancel).toHaveBeenCalled();
    expect(second.onCommit).not.toHaveBeenCalled();
  });
});

describe("date editor", () => {
  it("saves a typed date as an ISO date, and refuses one that does not exist without losing it", async () => {
    const due = field("date");
    const { onCommit, user } = open(due);
    const input = screen.getByRole("textbox", { name: "My date" });
    await user.type(input, "2026-02-30{Enter}");
    expect(screen.getByRole("alert")).toBeTruthy();
    expect((input as HTMLInputElement).value).toBe("2026-02-30");
    expect(onCommit).not.toHaveBeenCalled();
    await user.clear(input);
    await user.type(input, "2026-03-05{Enter}");
    expect(onCommit).toHaveBeenCalledWith("2026-03-05", "down");
  });

  it("fills from the picker and cancels with Escape", async () => {
    const { onCommit, onCancel, user } = open(field("date"), { value: "2026-01-10" });
    expect((screen.getByLabelText("Pick") as HTMLInputElement).value).toBe("2026-01-10");
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalled();
    expect(onCommit).not.toHaveBeenCalled();
  });
});

describe("long text editor", () => {
  it("keeps newlines typed with Shift+Enter and saves with Enter or Ctrl+Enter", async () => {
    const { onCommit, user } = open(field("long_text"));
    await user.type(screen.getByRole("textbox", { name: "My long_text" }), "one{Shift>}{Enter}{/Shift}two{Control>}{Enter}{/Control}");
    expect(onCommit).toHaveBeenCalledWith("one\ntwo", "down");
  });
});

describe("attachment editor", () => {
  const files = field("attachment");
  const existing = { id: "f1", name: "old.pdf", url: "/api/v1/files/f1", size: 2048, type: "application/pdf" };

  it("uploads chosen files, waits for them before saving, and removes files", async () => {
    let finish: (value: typeof existing) => void = () => undefined;
    const upload = vi.fn(() => new Promise<typeof existing>((resolve) => (finish = resolve)));
    const { onCommit, user } = open(files, { value: [existing] }, fakeEnv({ upload }));
    await user.upload(screen.getByLabelText("Files to add to My attachment"), new File(["hello"], "new.txt", { type: "text/plain" }));
    expect(screen.getByRole("button", { name: "Uploading…" }).hasAttribute("disabled")).toBe(true);
    finish({ id: "f2", name: "new.txt", url: "/api/v1/files/f2", size: 5, type: "text/plain" });
    await screen.findByRole("link", { name: "new.txt" });
    await user.click(screen.getByRole("button", { name: "Remove old.pdf" }));
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onCommit).toHaveBeenCalledWith([expect.objectContaining({ id: "f2", name: "new.txt" })], null);
  });

  it("shows a failed upload and saves nothing on Escape", async () => {
    const { onCommit, onCancel, user } = open(files, { value: [existing] }, fakeEnv({ upload: async () => Promise.reject(new Error("Too large")) }));
    await user.upload(screen.getByLabelText("Files to add to My attachment"), new File(["x"], "big.bin"));
    await screen.findByText("Too large");
    await user.keyboard("{Escape}");
    expect(onCancel).toHaveBeenCalled();
    expect(onCommit).not.toHaveBeenCalled();
  });
});
