import DataLoader from 'dataloader';
import type { RequestContext } from './context';

/**
 * The per-request DataLoader named `name`, created on first use: every `__resolveReference` and
 * cross-entity field goes through one, so N references cost one query.
 */
export function loader<K, V>(ctx: RequestContext, name: string, batch: (keys: readonly K[]) => Promise<(V | null)[]>): DataLoader<K, V | null> {
  // Stored by this function under `name` only, so the entry is the loader it created for these types.
  let l = ctx.loaders.get(name) as DataLoader<K, V | null> | undefined;
  if (!l) {
    l = new DataLoader<K, V | null>(batch, { maxBatchSize: 500 });
    ctx.loaders.set(name, l);
  }
  return l;
}

/** Order `rows` to match `keys` (null where missing), as DataLoader requires. */
export function byKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

/** Group `rows` by key for one-to-many batch loads (an empty list where none). */
export function groupByKeys<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = map.get(k);
    if (list) list.push(r);
    else map.set(k, [r]);
  }
  return keys.map((k) => map.get(k) ?? []);
}
