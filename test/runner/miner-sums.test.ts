import { describe, expect, it } from 'vitest';
import { minerSumsOf } from '../../src/runner/cluster-tables.js';
import { simulateRun } from '../../src/runner/simulate-run.js';
import { tableContext } from '../../src/runner/tables.js';
import { loadScenario } from '../../src/scenarios/experiment.js';
import { tinyScenario } from '../scenario-text.js';

describe("the era's miner sums (one pass for the eras, clusters and groups tables)", () => {
  it('are what summing the miner records one by one gives, every era, as miners come, go and are excluded', () => {
    const text = tinyScenario({
      eras: 40,
      miners: 12,
      lateMiners: 5,
      exitProbability: 0.1,
      faultRate: 0.3,
      slash: 400,
    });
    const scenario = loadScenario(text, 'tiny.yaml');
    const context = tableContext(scenario);
    const states = new Set<string>();
    simulateRun(scenario, { point: 0, run: 0, check: false }, (_id, result) => {
      const { state } = result;
      const sums = minerSumsOf(result, context);
      const groups = context.minerGroupNames.length;
      const expected = {
        matched: 0,
        cooling: 0,
        stakeLocked: 0,
        outstanding: 0,
        clusterMiners: new Array<number>(state.clusters.length).fill(0),
        clusterPower: new Array<number>(state.clusters.length).fill(0),
        clusterQuality: new Array<number>(state.clusters.length).fill(0),
        online: new Array<number>(groups).fill(0),
        groupMatched: new Array<number>(groups).fill(0),
        power: new Array<number>(groups).fill(0),
        brackets: new Array<number>(groups).fill(0),
        top: new Array<number>(groups).fill(0),
        stake: new Array<number>(groups).fill(0),
        groupOutstanding: new Array<number>(groups).fill(0),
      };
      for (const m of state.miners) {
        states.add(m.state);
        const g = context.minerGroups.get(m.id) ?? -1;
        const owed = m.state === 'Stopped' ? 0 : Math.max(0, m.accrued - m.slashed - m.paid);
        if (m.state === 'Active') expected.matched += 1;
        if (m.state === 'CoolingDown') expected.cooling += 1;
        expected.stakeLocked += m.stakeLocked;
        expected.outstanding += owed;
        if (g >= 0) {
          expected.stake[g]! += m.stakeLocked;
          expected.groupOutstanding[g]! += owed;
        }
        if (m.state !== 'Idle' && m.state !== 'Active') continue;
        if (m.cluster >= 0) {
          expected.clusterMiners[m.cluster]! += 1;
          expected.clusterPower[m.cluster]! += m.performance;
          expected.clusterQuality[m.cluster]! += m.confidence * m.performance;
        }
        if (g < 0) continue;
        expected.online[g]! += 1;
        expected.groupMatched[g]! += m.state === 'Active' ? 1 : 0;
        expected.power[g]! += m.performance;
        expected.brackets[g]! += m.bracket;
        expected.top[g]! += m.bracket === scenario.network.brackets ? 1 : 0;
      }
      expect({
        matched: sums.matched,
        cooling: sums.cooling,
        stakeLocked: sums.stakeLocked,
        outstanding: sums.outstanding,
        clusterMiners: [...sums.clusters.miners],
        clusterPower: [...sums.clusters.power],
        clusterQuality: [...sums.clusters.quality],
        online: [...sums.groups.online],
        groupMatched: [...sums.groups.matched],
        power: [...sums.groups.power],
        brackets: [...sums.groups.brackets],
        top: [...sums.groups.top],
        stake: [...sums.groups.stake],
        groupOutstanding: [...sums.groups.outstanding],
      }).toEqual(expected);
      // Asked again for the same era, the tables get the same sums without a second pass.
      expect(minerSumsOf(result, context)).toBe(sums);
    });
    // The run went through every state, so each branch of the pass was taken.
    expect([...states].sort()).toEqual(['Active', 'CoolingDown', 'Idle', 'Stopped']);
  });
});
