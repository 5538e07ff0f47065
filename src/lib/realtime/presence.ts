export type CellRef = { rowId: string; fieldId: string };

/**
 * Where a person is on the table, by ids only (never a value: presence reaches
 * everyone in the room, whatever their field and row rules): the view, the
 * grid cell selected and whether it is being edited, the kanban card
 * selected, the record open in a dialog.
 */
export type SharedPresence = { viewId: string; cell: CellRef | null; editing: boolean; card: string | null; record: string | null };

/** A person's presence on joining a table's room: in a view, nothing selected. */
export const arrivingPresence = (viewId: string): SharedPresence => ({ viewId, cell: null, editing: false, card: null, record: null });
