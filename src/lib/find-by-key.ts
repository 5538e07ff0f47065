/**
 * How the API resolves a reference to a field (or a column of a plan): by
 * id, else by name exactly, else by name ignoring case.
 */
export function findByKey<T extends { id: string; name: string }>(items: readonly T[], key: string): T | undefined {
  return (
    items.find((item) => item.id === key) ??
    items.find((item) => item.name === key) ??
    items.find((item) => item.name.toLowerCase() === key.toLowerCase())
  );
}
