"use client";

import { type Collaborator, useTableRealtime } from "./table-realtime";

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("") || "?";

/** People as initials in their colours; each says who they are (and `describe` where) to hover and to assistive technology. */
export function AvatarList({ people, label, describe, dimmed }: { people: readonly Collaborator[]; label: string; describe?: (person: Collaborator) => string; dimmed?: (person: Collaborator) => boolean }) {
  if (people.length === 0) return null;
  return (
    <ul aria-label={label} className="flex -space-x-1.5">
      {people.map((person) => {
        const text = describe ? `${person.name}, ${describe(person)}` : person.name;
        return (
          <li
            key={person.connectionId}
            title={text}
            aria-label={text}
            className={`grid size-7 place-items-center rounded-full border-2 border-background text-xs font-medium text-white ${dimmed?.(person) ? "opacity-50" : ""}`}
            style={{ backgroundColor: person.color }}
          >
            {initials(person.name)}
          </li>
        );
      })}
    </ul>
  );
}

/** Who else is on the table, each in their colour; those in another view are dimmed and say which. */
export function PresenceAvatars({ viewId }: { viewId: string }) {
  const { others } = useTableRealtime();
  return (
    <AvatarList
      people={others}
      label="Also on this table"
      describe={(person) => (person.viewId === viewId ? "in this view" : "in another view")}
      dimmed={(person) => person.viewId !== viewId}
    />
  );
}
