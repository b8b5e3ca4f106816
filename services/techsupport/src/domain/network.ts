import { MAX_COVERAGE_RADIUS_M, TECHNOLOGIES, type Technology } from '@vinculo/common';

export type NodeKind = 'CABINET' | 'NAP' | 'TAP' | 'CELL';
const KINDS: readonly NodeKind[] = ['CABINET', 'NAP', 'TAP', 'CELL'];

/** A node row of the tenant's QGIS export, validated. */
export interface NodeRow {
  code: string;
  kind: NodeKind;
  technology: Technology;
  district: string | null;
  location: { latitude: number; longitude: number };
  coverageRadiusM: number;
  portsTotal: number;
  portsUsed: number;
  maxSpeedMbps: number;
  active: boolean;
}

export interface RowError {
  row: number;
  field: string | null;
  message: string;
}

export const CSV_COLUMNS = [
  'code',
  'kind',
  'technology',
  'district',
  'latitude',
  'longitude',
  'coverageRadiusM',
  'portsTotal',
  'portsUsed',
  'maxSpeedMbps',
] as const;

/** Split one CSV line (RFC 4180 quotes, comma or semicolon as QGIS writes). */
function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/** Validate one row's raw values (strings from CSV or values of GeoJSON properties). */
export function validateRow(raw: Record<string, unknown>, row: number): { node?: NodeRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, message: string) => errors.push({ row, field, message });
  const str = (f: string) => (raw[f] === undefined || raw[f] === null ? '' : String(raw[f]).trim());
  const num = (f: string, opts: { min?: number; max?: number; int?: boolean; exclusiveMin?: boolean }): number => {
    const s = str(f);
    const n = s === '' ? NaN : Number(s);
    if (!Number.isFinite(n)) {
      err(f, `${f} must be a number`);
      return NaN;
    }
    if (opts.int && !Number.isInteger(n)) err(f, `${f} must be an integer`);
    if (opts.min !== undefined && (opts.exclusiveMin ? n <= opts.min : n < opts.min))
      err(f, `${f} must be ${opts.exclusiveMin ? 'greater than' : 'at least'} ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) err(f, `${f} must be at most ${opts.max}`);
    return n;
  };
  const code = str('code');
  if (code.length < 1 || code.length > 60) err('code', 'code must have 1 to 60 characters');
  const kind = str('kind').toUpperCase() as NodeKind;
  if (!KINDS.includes(kind)) err('kind', `kind must be one of ${KINDS.join(', ')}`);
  const technology = str('technology').toUpperCase() as Technology;
  if (!TECHNOLOGIES.includes(technology)) err('technology', `technology must be one of ${TECHNOLOGIES.join(', ')}`);
  const district = str('district') || null;
  if (district && district.length > 120) err('district', 'district must have at most 120 characters');
  const latitude = num('latitude', { min: -90, max: 90 });
  const longitude = num('longitude', { min: -180, max: 180 });
  const coverageRadiusM = num('coverageRadiusM', { min: 0, exclusiveMin: true, max: MAX_COVERAGE_RADIUS_M });
  const portsTotal = num('portsTotal', { min: 0, int: true });
  const portsUsed = num('portsUsed', { min: 0, int: true });
  const maxSpeedMbps = num('maxSpeedMbps', { min: 0 });
  if (Number.isFinite(portsTotal) && Number.isFinite(portsUsed) && portsUsed > portsTotal) err('portsUsed', 'portsUsed cannot exceed portsTotal');
  const activeRaw = str('active').toLowerCase();
  if (!['', 'true', 'false', '1', '0', 'yes', 'no'].includes(activeRaw)) err('active', 'active must be true or false');
  const active = !['false', '0', 'no'].includes(activeRaw);
  if (errors.length) return { errors };
  return {
    node: { code, kind, technology, district, location: { latitude, longitude }, coverageRadiusM, portsTotal, portsUsed, maxSpeedMbps, active },
    errors,
  };
}

/** Parse and validate a CSV export: a header naming the columns, then one node per line. */
export function parseCsv(content: string): { rows: NodeRow[]; errors: RowError[] } {
  const lines = content
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return { rows: [], errors: [{ row: 0, field: null, message: 'the file needs a header line and at least one node' }] };
  const sep = lines[0]!.includes(';') && !lines[0]!.includes(',') ? ';' : ',';
  const header = splitCsv(lines[0]!, sep);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], errors: [{ row: 0, field: null, message: `missing columns: ${missing.join(', ')}` }] };
  const rows: NodeRow[] = [];
  const errors: RowError[] = [];
  lines.slice(1).forEach((line, i) => {
    const values = splitCsv(line, sep);
    if (values.length !== header.length) {
      errors.push({ row: i + 1, field: null, message: `expected ${header.length} values, found ${values.length}` });
      return;
    }
    const r = validateRow(Object.fromEntries(header.map((h, j) => [h, values[j]])), i + 1);
    if (r.node) rows.push(r.node);
    errors.push(...r.errors);
  });
  return { rows, errors };
}

/** Parse and validate a GeoJSON FeatureCollection of Point features (coordinates are [longitude, latitude]). */
export function parseGeoJson(content: string): { rows: NodeRow[]; errors: RowError[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return { rows: [], errors: [{ row: 0, field: null, message: 'the file is not valid JSON' }] };
  }
  const features = (doc as { type?: string; features?: unknown })?.type === 'FeatureCollection' ? (doc as { features: unknown }).features : null;
  if (!Array.isArray(features) || features.length === 0)
    return { rows: [], errors: [{ row: 0, field: null, message: 'expected a FeatureCollection with at least one feature' }] };
  const rows: NodeRow[] = [];
  const errors: RowError[] = [];
  features.forEach((f: unknown, i) => {
    const row = i + 1;
    const feature = (f ?? {}) as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const coords = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
    if (!Array.isArray(coords) || coords.length < 2) {
      errors.push({ row, field: 'geometry', message: 'geometry must be a Point [longitude, latitude]' });
      return;
    }
    const r = validateRow({ ...(feature.properties ?? {}), longitude: coords[0], latitude: coords[1] }, row);
    if (r.node) rows.push(r.node);
    errors.push(...r.errors);
  });
  return { rows, errors };
}

/**
 * The whole import, all or nothing: rows parsed and validated, codes unique in the file, and an
 * existing node keeps its reserved ports (they must still fit). Any error → nothing to write.
 */
export function planImport(
  parsed: { rows: NodeRow[]; errors: RowError[] },
  existing: ReadonlyMap<string, { portsReserved: number }>,
): { rows: NodeRow[]; errors: RowError[] } {
  const errors = [...parsed.errors];
  const seen = new Map<string, number>();
  parsed.rows.forEach((r, i) => {
    const prev = seen.get(r.code);
    if (prev !== undefined) errors.push({ row: i + 1, field: 'code', message: `code ${r.code} repeats row ${prev}` });
    else seen.set(r.code, i + 1);
    const reserved = existing.get(r.code)?.portsReserved ?? 0;
    if (reserved && r.portsUsed + reserved > r.portsTotal) {
      errors.push({
        row: i + 1,
        field: 'portsTotal',
        message: `${reserved} ports of ${r.code} are reserved for open installations: portsUsed + reserved exceeds portsTotal`,
      });
    }
  });
  return errors.length ? { rows: [], errors: errors.sort((a, b) => a.row - b.row) } : { rows: parsed.rows, errors: [] };
}

/** Whether a stored node already says what the row says (so re-importing it writes nothing). */
export function nodeMatchesRow(
  n: {
    kind: string;
    district: string | null;
    technology: string;
    location: { latitude: number; longitude: number };
    coverageRadiusM: number;
    portsTotal: number;
    portsInService: number;
    maxSpeedMbps: number;
    active: boolean;
  },
  r: NodeRow,
): boolean {
  return (
    n.kind === r.kind &&
    (n.district ?? null) === r.district &&
    n.technology === r.technology &&
    n.location.latitude === r.location.latitude &&
    n.location.longitude === r.location.longitude &&
    n.coverageRadiusM === r.coverageRadiusM &&
    n.portsTotal === r.portsTotal &&
    n.portsInService === r.portsUsed &&
    n.maxSpeedMbps === r.maxSpeedMbps &&
    n.active === r.active
  );
}

/** Port bookkeeping of a node: in service + reserved for open installations (by work order). */
export interface NodePorts {
  portsTotal: number;
  portsInService: number;
  reservations: string[];
}

/** Reserve one port for a work order (idempotent per work order); false when the node is full. */
export function reservePort(n: NodePorts, workOrderId: string): NodePorts | 'ALREADY' | 'FULL' {
  if (n.reservations.includes(workOrderId)) return 'ALREADY';
  if (n.portsInService + n.reservations.length >= n.portsTotal) return 'FULL';
  return { ...n, reservations: [...n.reservations, workOrderId] };
}

/** A closed work order settles its reservation: resolved consumes the port, otherwise it is released. */
export function settlePort(n: NodePorts, workOrderId: string, resolved: boolean): NodePorts | 'NONE' {
  if (!n.reservations.includes(workOrderId)) return 'NONE';
  return { ...n, reservations: n.reservations.filter((r) => r !== workOrderId), portsInService: n.portsInService + (resolved ? 1 : 0) };
}
