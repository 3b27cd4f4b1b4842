import { describe, expect, it } from 'vitest';
import { mean, pick, runScenarioFile, sum } from '../run-example.js';

/*
 * The bundled scenarios that answer the sources' questions, run small (fewer runs and eras), each
 * showing the effect it is about. Thresholds are loose where the effect is statistical; each says why.
 */
describe('new-cluster-entry (paper §3 Discussion)', () => {
  const rows = runScenarioFile('scenarios/new-cluster-entry.yaml', ['runs=2', 'eras=32']).clusters;
  const incumbents = rows.filter((r) => r.group !== 'entrant');

  it('keeps the allocation from era to era while nothing changes', () => {
    expect(
      sum(
        incumbents.filter((r) => Number(r.era) > 0 && Number(r.era) < 30),
        'miners_lost',
      ),
    ).toBe(0);
  });

  it('under budget-set, never takes from a cluster a miner it still has budget for', () => {
    expect(sum(pick(rows, { 'network.matching': 'budget-set' }), 'miners_lost_with_budget')).toBe(0);
  });

  it('affects a cluster the less the more it stakes', () => {
    // Share of its miners each cluster loses at the entry, pooled over points and runs.
    const share = (group: string) => {
      const entry = pick(incumbents, { era: 30, group });
      return sum(entry, 'miners_lost') / sum(pick(incumbents, { era: 29, group }), 'miners');
    };
    expect(share('big-a')).toBeLessThan(share('mid-a'));
    expect(share('mid-a')).toBeLessThan(share('small-b'));
  });
});

describe('sybil-popularity (paper §3 Discussion)', () => {
  const rows = runScenarioFile('scenarios/sybil-popularity.yaml', ['runs=2', 'eras=20']);
  const attacker = (count: number, g: 'flat' | 'steep') =>
    rows.groups.filter(
      (r) =>
        r.group === 'attacker' &&
        r['clusters[1].count'] === count &&
        String(r['network.rewards.g']).startsWith(g === 'flat' ? '0.5' : '10'),
    );

  it("puts the attacker's miners in the top bracket with fake clusters", () => {
    expect(mean(attacker(10, 'flat'), 'mean_bracket')).toBe(5);
    expect(mean(attacker(0, 'flat'), 'mean_bracket')).toBeLessThan(5);
  });

  it('pays the attacker much more under a steep g than under a flat one', () => {
    const gain = (g: 'flat' | 'steep') => mean(attacker(10, g), 'v_accrued') - mean(attacker(0, g), 'v_accrued');
    expect(gain('steep')).toBeGreaterThan(5 * gain('flat'));
  });

  it('costs the attacker the stake locked in its fake clusters, which get no miners', () => {
    const fake = rows.clusters.filter((r) => r.group === 'sybil' && r['clusters[1].count'] === 40 && r.era === 19);
    expect(fake.every((r) => r.stake === '1000.000000' && r.miners === 0)).toBe(true);
    expect(fake).toHaveLength(2 * 2 * 40);
  });
});

describe('decentralisation (seed 001)', () => {
  const rows = runScenarioFile('scenarios/decentralisation.yaml', ['runs=1', 'eras=10']).groups;
  const v = (f: string, g: string, group: string) =>
    sum(
      rows.filter(
        (r) => String(r['network.rewards.f']).startsWith(f) && r['network.rewards.g'] === g && r.group === group,
      ),
      'v_accrued',
    );

  it('pays both groups the same when f is linear in P and g is zero: 200 × 500 = 10 × 10000', () => {
    expect(v('rate * C * P', '0', 'small')).toBe(v('rate * C * P', '0', 'large'));
  });

  it('pays many small miners more when g is paid per head, or f is concave in P', () => {
    const g = '2 * (b - 1) / max(k - 1, 1)';
    expect(v('rate * C * P', g, 'small')).toBeGreaterThan(v('rate * C * P', g, 'large'));
    expect(v('rate * 22.36', '0', 'small')).toBeGreaterThan(3 * v('rate * 22.36', '0', 'large'));
  });
});

describe('profitability (paper §1.3)', () => {
  const rows = runScenarioFile('scenarios/profitability.yaml', ['runs=1']);
  const online = (era: number, group: string) =>
    Number(rows.groups.find((r) => r.era === era && r.group === group)!.miners_online);

  it('loses miners as the price falls and wins them back as it rises', () => {
    // Price 0.20 at era 0, 0.05 at era 120, 0.30 at era 240 (the scenario's market path).
    expect(online(125, 'cheap')).toBeLessThan(online(60, 'cheap') / 4);
    expect(online(240, 'cheap')).toBeGreaterThan(online(125, 'cheap') * 4);
  });

  it('keeps costly operators out except near the price peak', () => {
    expect(online(60, 'costly')).toBe(0);
    expect(online(245, 'costly')).toBeGreaterThan(0);
  });
});
