/**
 * LCB's dates: naive ISO datetimes read with Python's `datetime.fromisoformat` and compared with bounds
 * parsed by `strptime(d, "%Y-%m-%d")`, i.e. at midnight (docs/lcb.md §7.4–7.5). We keep the text the way
 * `datetime.isoformat()` writes it and an exact comparable number: microseconds since the epoch, with the
 * naive time read as UTC (a naive datetime has no zone; UTC arithmetic has no DST gaps).
 */

/** A parsed naive datetime: `datetime.isoformat()` text and microseconds since 1970-01-01T00:00:00. */
export interface NaiveDateTime {
  iso: string;
  us: number;
}

// The subset of `fromisoformat` LCB's data uses: a date, optionally `T` or space, hh:mm[:ss[.fff[fff]]].
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/; // strptime's %m and %d take one or two digits
const US_PER_MS = 1000;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `datetime.isoformat()` text of a count of microseconds since the epoch (naive, UTC reading). */
export function isoFromMicros(us: number): string {
  const ms = Math.floor(us / US_PER_MS);
  const d = new Date(ms);
  const micro = d.getUTCMilliseconds() * US_PER_MS + (us - ms * US_PER_MS);
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return micro === 0 ? base : `${base}.${pad(micro, 6)}`;
}

function microsOf(parts: number[]): number | undefined {
  const [year, month, day, hour, minute, second] = parts as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return undefined; // e.g. 2023-02-30
  return ms * US_PER_MS;
}

/**
 * Parse LCB's `contest_date` text (`2023-08-21T00:00:00`, `2025-01-11T18:30:00`, `2024-03-02`).
 * Returns `undefined` for anything `fromisoformat` would reject or that carries a time zone
 * (LCB compares naive datetimes; an aware one would make its comparisons raise).
 */
export function parseNaiveDateTime(text: string): NaiveDateTime | undefined {
  const match = ISO_DATETIME.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = match;
  const base = microsOf([y, mo, d, h, mi, s].map(Number));
  if (base === undefined) return undefined;
  const micro = frac === '' ? 0 : Number(frac.padEnd(6, '0'));
  const us = base + micro;
  return { iso: isoFromMicros(us), us };
}

/** A Parquet `timestamp` column value in microseconds (hyparquet gives bigint) as a naive datetime. */
export function naiveDateTimeFromMicros(us: bigint | number): NaiveDateTime {
  const value = Number(us);
  return { iso: isoFromMicros(value), us: value };
}

/**
 * Parse a `--start-date`/`--end-date` bound `YYYY-MM-DD` to microseconds at midnight, as LCB's
 * `datetime.strptime(d, "%Y-%m-%d")` does. Returns `undefined` for any other shape or an impossible date.
 */
export function parseDateBound(text: string): number | undefined {
  const match = DATE_ONLY.exec(text);
  if (match === null) return undefined;
  const [, y, mo, d] = match;
  return microsOf([y, mo, d, '0', '0', '0'].map(Number));
}

/** The `YYYY-MM` month of a datetime in microseconds (for per-month breakdowns). */
export function monthOf(us: number): string {
  return isoFromMicros(us).slice(0, 7);
}
