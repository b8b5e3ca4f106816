import { postSaleKpi, postSaleKpiBy } from '../src/domain/indicators';
import { contributionOf, deltasOf, fieldKey, hourBucket, keyOfField, kpiFromCounts, sumCounts, type KpiFacts } from '../src/domain/kpi-months';
import type { Resolution } from '../src/domain/request';

/** A deterministic spread of requests: ready or not, attended at every kind of distance (below 0 h to over 720 h), any resolution. */
function requests(count: number): KpiFacts[] {
  const resolutions: (Resolution | null)[] = [null, 'DONE', 'ANSWERED', 'RETAINED', 'QC_FAILED', 'CANCELLED', 'INCOMPLETE'];
  const hours = [-3, 0, 0.5, 1, 5.999, 6, 23.99, 24, 24.01, 47.5, 48, 100, 719.99, 720, 721, 2000];
  const ready = new Date('2026-03-02T12:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const isReady = i % 6 !== 0;
    const attended = isReady && i % 5 !== 0;
    return {
      month: '2026-03',
      type: ['PLAN_CHANGE', 'WITHDRAWAL', 'PQR'][i % 3]!,
      team: ['A', 'b.team', '$x', '100%', ''][i % 5]!,
      readyAt: isReady ? ready : null,
      attendedAt: attended ? new Date(ready.getTime() + hours[i % hours.length]! * 3_600_000) : null,
      resolution: resolutions[i % resolutions.length]!,
    };
  });
}

const sum = (list: KpiFacts[]) => sumCounts(list.map((r) => contributionOf(r)['2026-03']!));

describe('R-PS-KPI from maintained counts', () => {
  it('R-PS-KPI the counts answer exactly what the requests answer, overall, per team and per type, for every timeliness threshold of the policy (1…720 h)', () => {
    const list = requests(211);
    const counts = sum(list);
    for (let hours = 1; hours <= 720; hours++) {
      const t = { efficacyAcceptedAbove: 98, timelinessAcceptedAbove: hours % 100, timelinessHours: hours };
      expect(kpiFromCounts(counts, t)).toEqual({
        overall: postSaleKpi(list, t),
        byTeam: postSaleKpiBy(list, (r) => r.team, t),
        byType: postSaleKpiBy(list, (r) => r.type, t),
      });
    }
  });

  it('R-PS-KPI a group whose requests are all waiting for the customer still shows, with no percent', () => {
    const t = { efficacyAcceptedAbove: 98, timelinessAcceptedAbove: 95, timelinessHours: 24 };
    const waiting: KpiFacts = { month: '2026-03', type: 'PQR', team: 'Z', readyAt: null, attendedAt: null, resolution: null };
    const view = kpiFromCounts(sum([waiting]), t);
    expect(view.byTeam).toEqual([{ key: 'Z', value: postSaleKpi([waiting], t) }]);
    expect(view.overall.requests).toBe(0);
    expect(kpiFromCounts({}, t)).toEqual({ overall: postSaleKpi([], t), byTeam: [], byType: [] });
  });

  it('a change adds after − before; one that changes nothing the KPI reads adds nothing', () => {
    const [before] = requests(2).slice(1);
    const after = { ...before!, attendedAt: new Date(before!.readyAt!.getTime() + 2 * 3_600_000), resolution: 'DONE' as const };
    const d = deltasOf(before!, after);
    expect(sumCounts([sum([before!]), d['2026-03']!])).toEqual(sum([after]));
    expect(deltasOf(after, { ...after })).toEqual({});
    expect(deltasOf(null, after)).toEqual(contributionOf(after));
  });

  it('hour buckets are whole hours since ready, clamped to 0…720; field keys round-trip', () => {
    const readyAt = new Date('2026-03-02T12:00:00Z');
    const at = (h: number) => hourBucket({ readyAt, attendedAt: new Date(readyAt.getTime() + h * 3_600_000) });
    expect([at(-1), at(0), at(0.999), at(1), at(23.99), at(24), at(719.5), at(720), at(5000)]).toEqual([0, 0, 0, 1, 23, 24, 719, 720, 720]);
    expect(hourBucket({ readyAt, attendedAt: null })).toBeNull();
    for (const s of ['A', 'b.team', '$x', '100%', '', '%2E', 'a.b$c%d']) {
      expect(keyOfField(fieldKey(s))).toBe(s);
      expect(fieldKey(s)).not.toMatch(/[.$]/);
    }
  });
});
