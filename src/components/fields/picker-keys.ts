import type React from "react";

export type PickerMove = "up" | "down" | "left" | "right";

/** What a list picker (the choice editor, the record picker) tells the shared keys. */
export type PickerControls = {
  multiple: boolean;
  /** The highlight's last index. */
  lastIndex: number;
  setHighlight: React.Dispatch<React.SetStateAction<number>>;
  /** Space toggles the highlighted one only in a multiple pick, with nothing typed and something highlighted. */
  canToggle: boolean;
  toggleActive: () => void;
  /** Ends editing with what is picked, moving on (null: staying). */
  save: (move: PickerMove | null) => void;
  /** Ends editing leaving the value as it was. */
  cancel: () => void;
};

/**
 * The keys every list picker shares: Escape cancels, the arrows move the
 * highlight, Tab saves and moves on, Space toggles in a multiple pick. True
 * when the key was one of them; Enter and the rest are each picker's own.
 */
export function handlePickerKey(event: React.KeyboardEvent, picker: PickerControls): boolean {
  // The grid must not see keys meant for the list (arrows would move the selection).
  event.stopPropagation();
  switch (event.key) {
    case "Escape":
      event.preventDefault();
      picker.cancel();
      return true;
    case "ArrowDown":
      event.preventDefault();
      picker.setHighlight((h) => Math.min(h + 1, picker.lastIndex));
      return true;
    case "ArrowUp":
      event.preventDefault();
      picker.setHighlight((h) => Math.max(h - 1, 0));
      return true;
    case "Tab":
      event.preventDefault();
      picker.save(event.shiftKey ? "left" : "right");
      return true;
    case " ":
      if (!picker.canToggle) return false;
      event.preventDefault();
      picker.toggleActive();
      return true;
  }
  return false;
}

/** Clicking away keeps a multiple pick's picks and leaves a single one as it was. */
export function handlePickerBlur(event: React.FocusEvent, finished: boolean, picker: Pick<PickerControls, "multiple" | "save" | "cancel">) {
  if (finished || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
  if (picker.multiple) picker.save(null);
  else picker.cancel();
}
