/** Scenario YAML for tests, written out from a few knobs so properties can vary them. */
export interface TinyScenario {
  name?: string;
  seed?: number;
  eras?: number;
  runs?: number;
  miners?: number;
  clusters?: number;
  alpha?: number;
  brackets?: number;
  rule?: 'algorithm1' | 'budget-set';
  subsidyPool?: number;
  slash?: number;
  faultRate?: number;
  exitProbability?: number;
  payoutEvery?: number;
  slashTo?: 'treasury' | 'burn';
  cooldownDays?: number;
  lateMiners?: number;
  lateClusters?: number;
  endUsers?: number;
  rejoin?: boolean;
  /** PHA each miner's operator holds besides the stake (enough, and an excluded miner can rejoin). */
  minerBalance?: number;
  /** Every cluster's preference policy, as a strategy reference (default: the scenario default). */
  preferences?: string;
}

export function tinyScenario(o: TinyScenario = {}): string {
  return `name: ${o.name ?? 'tiny'}
seed: ${o.seed ?? 7}
eras: ${o.eras ?? 20}
runs: ${o.runs ?? 1}
network:
  unbonding_days: 3
  alpha: ${o.alpha ?? 0.1}
  brackets: ${o.brackets ?? 3}
  matching: ${o.rule ?? 'algorithm1'}
  subsidy_pool: ${o.subsidyPool ?? 100000}
  cooldown_days: ${o.cooldownDays ?? 2}
  slash_to: ${o.slashTo ?? 'treasury'}
  slashing: { 1: ${o.slash ?? 3}, 2: ${(o.slash ?? 3) * 40} }
  constants: { rate: 0.001 }
  rewards: { f: "rate * C * P", g: "(b - 1) / 2" }
miners:
  - group: m
    count: ${o.miners ?? 8}${o.minerBalance === undefined ? '' : `\n    balance: ${o.minerBalance}`}
    performance: { uniform: [100, 2000] }
    confidence_level: { weights: [1, 1, 1, 1, 1] }
    strategy: { name: always-on, params: { payout: ${payout(o.payoutEvery ?? 3)}, exit_probability: ${o.exitProbability ?? 0.05}${o.rejoin ? ', rejoin: true' : ''} } }
    faults: { name: independent, params: { rates: { 1: ${o.faultRate ?? 0.1}, 2: ${(o.faultRate ?? 0.1) / 4} } } }
  - group: late
    count: ${o.lateMiners ?? 2}
    join_era: 5
    performance: 700
clusters:
  - group: c
    count: ${o.clusters ?? 3}
    stake: { uniform: [1000, 50000] }${preferences(o)}
  - group: late
    count: ${o.lateClusters ?? 1}
    create_era: 7
    stake: 20000
    cap: 60000${preferences(o)}
    strategy: { name: cap-headroom, params: { headroom: 0.5, review_every: 5 } }
end_users:
  - group: u
    count: ${o.endUsers ?? 4}
    balance: { uniform: [0, 30000] }
    join_era: 2
    strategy: { name: utility-staker, params: { review_every: 4, hysteresis: 0.1 } }
  - group: crowd
    count: 2
    balance: 5000
    strategy: crowd-follower
`;
}

/** `payoutEvery` eras as a payout policy: 0 means only at exit. */
function payout(every: number): string {
  return every === 0 ? 'at-exit' : `{ every: ${every} }`;
}

function preferences(o: TinyScenario): string {
  return o.preferences === undefined ? '' : `\n    preferences: ${o.preferences}`;
}
