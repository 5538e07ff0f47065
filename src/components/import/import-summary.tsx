import Link from "next/link";

type Listed = { line: number; reason: string; field?: string };

/** The import endpoints' answer, as far as a person needs it. */
export type ImportResult = {
  imported: number;
  rejected: Listed[];
  rejectedTotal: number;
  /** Cells left empty because their value did not fit the column's chosen type (a new table) or its field (an append with columns mapped). */
  emptied?: Listed[];
  emptiedTotal?: number;
  /** Append only: the file's columns (1-based) that filled no field (skipped, or named after none). */
  ignoredColumns?: number[];
  /** New table only. */
  table?: { id: string; name: string };
};

const listedShown = 20;

const rows = (n: number) => `${n.toLocaleString("en")} ${n === 1 ? "row" : "rows"}`;

/** What came in, with a link to the new table, and the lines refused and cells emptied, by line. */
export function ImportSummary({ result, tableHref }: { result: ImportResult; tableHref?: string }) {
  const ignored = result.ignoredColumns ?? [];
  const emptiedTotal = result.emptiedTotal ?? 0;
  return (
    <div className="grid gap-3">
      <p className="font-medium">
        Imported {rows(result.imported)}
        {result.table && tableHref ? (
          <>
            {" "}
            into{" "}
            <Link href={tableHref} className="text-primary underline-offset-4 hover:underline">
              {result.table.name}
            </Link>
          </>
        ) : null}
        .
      </p>
      {ignored.length > 0 ? (
        <p className="text-muted-foreground">
          {ignored.length === 1 ? `Column ${ignored[0]} fills` : `Columns ${ignored.join(", ")} fill`} no field of the table and{" "}
          {ignored.length === 1 ? "was" : "were"} left out.
        </p>
      ) : null}
      {result.rejectedTotal > 0 ? (
        <Listing
          caption="Lines not imported"
          intro={`${result.rejectedTotal === 1 ? "1 line was" : `${result.rejectedTotal.toLocaleString("en")} lines were`} not imported`}
          total={result.rejectedTotal}
          entries={result.rejected}
          tone="text-destructive"
        />
      ) : null}
      {emptiedTotal > 0 ? (
        <Listing
          caption="Cells left empty"
          intro={`${emptiedTotal === 1 ? "1 value does" : `${emptiedTotal.toLocaleString("en")} values do`} not fit the type of its field; ${emptiedTotal === 1 ? "its cell was" : "their cells were"} left empty`}
          total={emptiedTotal}
          entries={result.emptied ?? []}
          tone="text-amber-700 dark:text-amber-400"
          withField
        />
      ) : null}
    </div>
  );
}

function Listing(props: { caption: string; intro: string; total: number; entries: Listed[]; tone: string; withField?: boolean }) {
  return (
    <div className="grid gap-2">
      <p className={props.tone}>
        {props.intro}
        {props.total > listedShown ? `; the first ${listedShown} are listed` : ""}:
      </p>
      <div className="overflow-x-auto rounded-md border border-border">
        <table className="w-full text-sm">
          <caption className="sr-only">{props.caption}</caption>
          <thead className="bg-muted text-left">
            <tr>
              <th scope="col" className="w-20 px-3 py-1.5 font-medium">
                Line
              </th>
              {props.withField ? (
                <th scope="col" className="px-3 py-1.5 font-medium">
                  Field
                </th>
              ) : null}
              <th scope="col" className="px-3 py-1.5 font-medium">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {props.entries.slice(0, listedShown).map((r, i) => (
              <tr key={i}>
                <td className="px-3 py-1.5 tabular-nums">{r.line}</td>
                {props.withField ? <td className="px-3 py-1.5">{r.field}</td> : null}
                <td className="px-3 py-1.5">{r.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
