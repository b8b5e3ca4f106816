/**
 * Breaking changes between two versions of one event contract (a JSON Schema of schemas/events/):
 * what a consumer written against the old version could no longer read, or a producer built on it could
 * no longer write. Adding an optional property is allowed; everything that removes, retypes, narrows or
 * newly requires is not (a meaning change is a new `vN+1` file). Pure: compared as parsed JSON.
 */
type Json = Record<string, unknown>;

const asObject = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const typesOf = (s: Json): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]);

export function eventContractBreaks(before: unknown, after: unknown, at = '$'): string[] {
  const a = asObject(before);
  const b = asObject(after);
  if (!a || !b) return a && !b ? [`${at}: schema removed`] : [];
  const breaks: string[] = [];

  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta.length && (!tb.length ? false : ta.some((t) => !tb.includes(t) && !(t === 'integer' && tb.includes('number'))))) {
    breaks.push(`${at}: type ${ta.join('|')} → ${tb.join('|')}`);
  } else if (!ta.length && tb.length) breaks.push(`${at}: type newly restricted to ${tb.join('|')}`);

  if (a.const !== undefined || b.const !== undefined) {
    if (JSON.stringify(a.const) !== JSON.stringify(b.const)) breaks.push(`${at}: const ${JSON.stringify(a.const)} → ${JSON.stringify(b.const)}`);
  }
  if (Array.isArray(b.enum)) {
    const old = Array.isArray(a.enum) ? (a.enum as unknown[]) : null;
    if (!old) breaks.push(`${at}: enum newly restricted`);
    else {
      const lost = old.filter((v) => !(b.enum as unknown[]).some((w) => JSON.stringify(w) === JSON.stringify(v)));
      if (lost.length) breaks.push(`${at}: enum loses ${lost.map((v) => JSON.stringify(v)).join(', ')}`);
    }
  }
  if (a.pattern !== b.pattern && b.pattern !== undefined) breaks.push(`${at}: pattern ${String(a.pattern)} → ${String(b.pattern)}`);
  if (a.format !== b.format && b.format !== undefined) breaks.push(`${at}: format ${String(a.format)} → ${String(b.format)}`);
  for (const k of ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const) {
    if (typeof b[k] === 'number' && (typeof a[k] !== 'number' || (b[k] as number) > (a[k] as number)))
      breaks.push(`${at}: ${k} ${String(a[k])} → ${String(b[k])}`);
  }
  for (const k of ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const) {
    if (typeof b[k] === 'number' && (typeof a[k] !== 'number' || (b[k] as number) < (a[k] as number)))
      breaks.push(`${at}: ${k} ${String(a[k])} → ${String(b[k])}`);
  }

  const ra = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  for (const r of Array.isArray(b.required) ? (b.required as string[]) : []) if (!ra.has(r)) breaks.push(`${at}: ${r} newly required`);
  if (a.additionalProperties !== false && b.additionalProperties === false) breaks.push(`${at}: additionalProperties closed`);

  const pa = asObject(a.properties) ?? {};
  const pb = asObject(b.properties) ?? {};
  for (const [name, schema] of Object.entries(pa)) {
    if (!(name in pb)) breaks.push(`${at}.${name}: property removed`);
    else breaks.push(...eventContractBreaks(schema, pb[name], `${at}.${name}`));
  }
  if (a.items !== undefined || b.items !== undefined) breaks.push(...eventContractBreaks(a.items ?? {}, b.items ?? {}, `${at}[]`));
  const da = asObject(a.$defs) ?? asObject(a.definitions) ?? {};
  const db = asObject(b.$defs) ?? asObject(b.definitions) ?? {};
  for (const [name, schema] of Object.entries(da)) {
    if (!(name in db)) breaks.push(`${at}#${name}: definition removed`);
    else breaks.push(...eventContractBreaks(schema, db[name], `${at}#${name}`));
  }
  return breaks;
}
