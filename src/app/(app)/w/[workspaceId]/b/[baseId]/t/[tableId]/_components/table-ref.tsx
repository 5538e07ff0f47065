export type TableRef = { workspaceId: string; baseId: string; tableId: string };

/** The hidden inputs every form on a table's pages sends: which table, and which page to refresh. */
export function TableRefInputs({ tableRef }: { tableRef: TableRef }) {
  return (
    <>
      <input type="hidden" name="workspaceId" value={tableRef.workspaceId} />
      <input type="hidden" name="baseId" value={tableRef.baseId} />
      <input type="hidden" name="tableId" value={tableRef.tableId} />
    </>
  );
}
