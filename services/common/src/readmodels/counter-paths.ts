/**
 * Maintained counters (indicator totals, KPI months) are stored as one nested document, e.g.
 * `{ cur: { COP: { outstanding: 120 } } }`, and handled in code as flat dotted paths, `{ 'cur.COP.outstanding': 120 }`:
 * a delta's paths go straight into `$inc`, a built document is stored nested.
 */
export type CounterPaths = Record<string, number>;

/** Flat dotted paths to the nested document MongoDB stores. */
export function nestCounters(c: CounterPaths): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(c)) {
    const keys = path.split('.');
    let at = out;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys[keys.length - 1]!] = v;
  }
  return out;
}

/** A stored nested document back to flat dotted paths (its numbers; anything else is not a counter). */
export function flattenCounters(doc: unknown, prefix = ''): CounterPaths {
  const out: CounterPaths = {};
  if (!doc || typeof doc !== 'object') return out;
  for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') out[path] = v;
    else Object.assign(out, flattenCounters(v, path));
  }
  return out;
}

/** The sum of counter sets, path by path; paths that sum to zero are left out. */
export function sumCounters(parts: readonly CounterPaths[]): CounterPaths {
  const out: CounterPaths = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = (out[k] ?? 0) + v;
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}
