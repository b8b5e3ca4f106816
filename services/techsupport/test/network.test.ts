import { nodeMatchesRow, parseCsv, parseGeoJson, planImport, reservePort, settlePort } from '../src/domain/network';

const HEADER = 'code,kind,technology,district,latitude,longitude,coverageRadiusM,portsTotal,portsUsed,maxSpeedMbps';

describe('network import (QGIS export)', () => {
  it('CSV rows become nodes (quoted fields, optional active column)', () => {
    const r = parseCsv(
      `${HEADER},active\nNAP-001,NAP,FIBER,"Distrito 1, Sur",-17.39,-66.15,500,16,4,300,true\nCAB-7,CABINET,COPPER,,-17.4,-66.16,1200,100,90,20,no\n`,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toEqual({
      code: 'NAP-001',
      kind: 'NAP',
      technology: 'FIBER',
      district: 'Distrito 1, Sur',
      location: { latitude: -17.39, longitude: -66.15 },
      coverageRadiusM: 500,
      portsTotal: 16,
      portsUsed: 4,
      maxSpeedMbps: 300,
      active: true,
    });
    expect(r.rows[1]).toMatchObject({ district: null, active: false });
  });

  it('errors are listed per row and field', () => {
    const r = parseCsv(`${HEADER}\nNAP-1,NAP,FIBER,D1,-17.39,-66.15,500,16,20,300\nNAP-2,BOX,WIFI,D1,95,-66.15,0,16,1,300\nNAP-3,NAP,FIBER,D1,-17.39\n`);
    expect(r.errors).toEqual([
      { row: 1, field: 'portsUsed', message: 'portsUsed cannot exceed portsTotal' },
      { row: 2, field: 'kind', message: expect.any(String) },
      { row: 2, field: 'technology', message: expect.any(String) },
      { row: 2, field: 'latitude', message: expect.any(String) },
      { row: 2, field: 'coverageRadiusM', message: expect.any(String) },
      { row: 3, field: null, message: 'expected 10 values, found 5' },
    ]);
    expect(parseCsv('code,kind\nX,NAP').errors[0]!.message).toMatch(/missing columns/);
  });

  it('GeoJSON Points ([longitude, latitude]) with the same properties', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [-66.15, -17.39] },
          properties: { code: 'TAP-1', kind: 'TAP', technology: 'COAX', coverageRadiusM: 300, portsTotal: 8, portsUsed: 0, maxSpeedMbps: 100 },
        },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: {} },
      ],
    };
    const r = parseGeoJson(JSON.stringify(fc));
    expect(r.rows).toEqual([expect.objectContaining({ code: 'TAP-1', location: { latitude: -17.39, longitude: -66.15 } })]);
    expect(r.errors).toEqual([{ row: 2, field: 'geometry', message: expect.any(String) }]);
    expect(parseGeoJson('{').errors[0]!.message).toMatch(/JSON/);
  });

  it('all or nothing: any error (a repeated code, reserved ports no longer fitting) → nothing to write', () => {
    const ok = parseCsv(`${HEADER}\nNAP-1,NAP,FIBER,D1,-17.39,-66.15,500,16,4,300\nNAP-2,NAP,FIBER,D1,-17.39,-66.15,500,16,4,300`);
    expect(planImport(ok, new Map()).rows).toHaveLength(2);
    const dup = parseCsv(`${HEADER}\nNAP-1,NAP,FIBER,D1,-17.39,-66.15,500,16,4,300\nNAP-1,NAP,FIBER,D1,-17.39,-66.15,500,16,4,300`);
    expect(planImport(dup, new Map())).toEqual({ rows: [], errors: [{ row: 2, field: 'code', message: 'code NAP-1 repeats row 1' }] });
    expect(planImport(ok, new Map([['NAP-2', { portsReserved: 13 }]])).errors).toEqual([
      { row: 2, field: 'portsTotal', message: expect.stringMatching(/reserved/) },
    ]);
  });
});

describe('re-importing a file', () => {
  it('a stored node already as the row says is unchanged (a re-run writes nothing); any field differing is an update', () => {
    const [row] = parseCsv(`${HEADER}\nNAP-1,NAP,FIBER,D1,-17.39,-66.15,500,16,4,300`).rows;
    const stored = {
      kind: 'NAP',
      district: 'D1',
      technology: 'FIBER',
      location: { latitude: -17.39, longitude: -66.15 },
      coverageRadiusM: 500,
      portsTotal: 16,
      portsInService: 4,
      maxSpeedMbps: 300,
      active: true,
    };
    expect(nodeMatchesRow(stored, row!)).toBe(true);
    expect(nodeMatchesRow({ ...stored, portsInService: 5 }, row!)).toBe(false);
    expect(nodeMatchesRow({ ...stored, location: { latitude: -17.39, longitude: -66.151 } }, row!)).toBe(false);
    expect(nodeMatchesRow({ ...stored, district: null }, row!)).toBe(false);
    expect(nodeMatchesRow({ ...stored, active: false }, row!)).toBe(false);
  });
});

describe('port capacity', () => {
  it('a port is reserved once per work order, refused when full, consumed when resolved or released otherwise', () => {
    const n = { portsTotal: 2, portsInService: 1, reservations: [] as string[] };
    const r1 = reservePort(n, 'wo1');
    expect(r1).toEqual({ portsTotal: 2, portsInService: 1, reservations: ['wo1'] });
    expect(reservePort(r1 as typeof n, 'wo1')).toBe('ALREADY');
    expect(reservePort(r1 as typeof n, 'wo2')).toBe('FULL');
    expect(settlePort(r1 as typeof n, 'wo1', true)).toEqual({ portsTotal: 2, portsInService: 2, reservations: [] });
    expect(settlePort(r1 as typeof n, 'wo1', false)).toEqual({ portsTotal: 2, portsInService: 1, reservations: [] });
    expect(settlePort(n, 'wo1', true)).toBe('NONE');
  });
});
