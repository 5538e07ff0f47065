import "server-only";

/**
 * The time zones a field may use, as this server's runtime knows them. Built
 * on the server and passed down, so the browser's own (possibly different)
 * list cannot make the page differ between server and client.
 */
export function timeZoneList(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
