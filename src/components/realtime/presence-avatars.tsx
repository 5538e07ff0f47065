"use client";

import { useTableRealtime } from "./table-realtime";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("") || "?";

/** Who else is on the table, each in their colour; those in another view are dimmed and say which. */
export function PresenceAvatars({ viewId }: { viewId: string }) {
  const { others } = useTableRealtime();
  if (others.length === 0) return null;
  return (
    <ul aria-label="Also on this table" className="flex -space-x-1.5">
      {others.map((person) => {
        const where = person.viewId === viewId ? "in this view" : "in another view";
        return (
          <li
            key={person.connectionId}
            title={`${person.name}, ${where}`}
            aria-label={`${person.name}, ${where}`}
            className={`grid size-7 place-items-center rounded-full border-2 border-background text-xs font-medium text-white ${person.viewId === viewId ? "" : "opacity-50"}`}
            style={{ backgroundColor: person.color }}
          >
            {initials(person.name)}
          </li>
        );
      })}
    </ul>
  );
}
