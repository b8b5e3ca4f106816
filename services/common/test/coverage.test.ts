import { assessFeasibility, boundingBox, distanceM, type CoverageNode } from '../src/domain/coverage';

// La Paz, Plaza Murillo, and points around it.
const plaza = { latitude: -16.4955, longitude: -68.1336 };
const north = (m: number) => ({ latitude: plaza.latitude + m / 111_195, longitude: plaza.longitude });

const node = (over: Partial<CoverageNode>): CoverageNode => ({
  nodeId: 'n1',
  code: 'NAP-01',
  technology: 'FIBER',
  location: plaza,
  coverageRadiusM: 300,
  portsTotal: 8,
  portsUsed: 0,
  maxSpeedMbps: 300,
  active: true,
  ...over,
});

describe('feasibility (shared by techsupport, sales R-SAL-2 / R-DIG-2, postsale R-PS-C1)', () => {
  it('measures great-circle distances in metres', () => {
    expect(Math.round(distanceM(plaza, north(1000)))).toBe(1000);
  });

  it('serves from the nearest covering node of the technology with speed and a free port', () => {
    const nodes = [node({ nodeId: 'far', location: north(250) }), node({ nodeId: 'near', location: north(100) })];
    expect(assessFeasibility(nodes, { location: plaza, technology: 'FIBER', speedMbps: 100 })).toEqual({
      feasible: true,
      nodeId: 'near',
      nodeCode: 'NAP-01',
      distanceM: 100,
      freePorts: 8,
    });
  });

  it.each([
    ['NO_COVERAGE', [node({ location: north(301) })], 'FIBER', 10],
    ['NO_COVERAGE', [node({ active: false })], 'FIBER', 10],
    ['TECHNOLOGY_NOT_AVAILABLE', [node({ technology: 'COPPER' })], 'FIBER', 10],
    ['SPEED_NOT_SUPPORTED', [node({ maxSpeedMbps: 50 })], 'FIBER', 100],
    ['NO_FREE_PORTS', [node({ portsUsed: 8 })], 'FIBER', 10],
  ] as const)('answers %s with the reason', (reason, nodes, technology, speedMbps) => {
    const r = assessFeasibility(nodes, { location: plaza, technology, speedMbps });
    expect(r).toMatchObject({ feasible: false, reason });
  });

  it('bounding box contains every point within the radius', () => {
    const box = boundingBox(plaza, 1000);
    const p = north(999);
    expect(p.latitude).toBeLessThanOrEqual(box.maxLat);
    expect(box.minLng).toBeLessThan(plaza.longitude);
  });
});
