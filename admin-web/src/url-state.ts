/** Reading list state (page numbers, search) from the address bar. Pure, unit-tested in Node. */

/** `page=3` → 3; anything else (missing, 0, "x", 2.5) → 1. */
export function pageParam(value: string | null): number {
  if (!value || !/^\d{1,6}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 ? page : 1;
}

/** Pages for `total` items: at least one, so an empty list still has "page 1". */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}
