// Cell values as text for reading, by type. Formats are fixed to English so
// a page renders the same on the server as in any browser.

type NumberOptions = { precision?: number; symbol?: string; format?: string; max?: number; timeZone?: string };

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(style: "decimal" | "percent", precision: number): Intl.NumberFormat {
  const key = `${style}:${precision}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en", { style, minimumFractionDigits: precision, maximumFractionDigits: precision });
    numberFormats.set(key, format);
  }
  return format;
}

const precisionOf = (options: NumberOptions | undefined, fallback: number) =>
  Number.isInteger(options?.precision) ? options!.precision! : fallback;

export function formatNumber(value: number, options?: NumberOptions): string {
  return numberFormat("decimal", precisionOf(options, 0)).format(value);
}

export function formatCurrency(value: number, options?: NumberOptions): string {
  const text = numberFormat("decimal", precisionOf(options, 2)).format(Math.abs(value));
  return `${value < 0 ? "-" : ""}${options?.symbol ?? "$"}${text}`;
}

/** A fraction as a percentage: 0.25 is 25%. */
export function formatPercent(value: number, options?: NumberOptions): string {
  return numberFormat("percent", precisionOf(options, 0)).format(value);
}

/** Seconds as h:mm, h:mm:ss or h:mm:ss.s (the field's format). */
export function formatDuration(seconds: number, options?: unknown): string {
  const format = (options as NumberOptions | undefined)?.format ?? "h:mm";
  const sign = seconds < 0 ? "-" : "";
  const total = Math.abs(seconds);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (format === "h:mm") {
    const minutes = Math.round(total / 60);
    return `${sign}${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
  }
  const tenths = format === "h:mm:ss.s" ? Math.round(total * 10) : Math.round(total) * 10;
  const wholeSeconds = Math.floor(tenths / 10);
  const h = Math.floor(wholeSeconds / 3600);
  const m = Math.floor((wholeSeconds % 3600) / 60);
  const s = wholeSeconds % 60;
  const fraction = format === "h:mm:ss.s" ? `.${tenths % 10}` : "";
  return `${sign}${h}:${pad(m)}:${pad(s)}${fraction}`;
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/** "2026-03-05" as "Mar 5, 2026" (a calendar date: no time zone applies). */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return dateFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant in the field's time zone, naming the zone: "Mar 5, 2026, 2:30 PM UTC". */
export function formatDateTime(iso: string, timeZone = "UTC"): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  let format = dateTimeFormats.get(timeZone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });
    } catch {
      return formatDateTime(iso, "UTC");
    }
    dateTimeFormats.set(timeZone, format);
  }
  return `${format.format(instant)} ${timeZone}`;
}
