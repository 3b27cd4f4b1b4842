/**
 * The scales of the performance issue, as scenario text (one run each; S is run many times).
 *   S: 1,000 miners, 10 clusters, 365 eras: the unit of a sweep.
 *   M: 40,000 miners, 50 clusters, 2,000 pools, 50,000 delegators, 365 eras.
 *   L: 100,000 miners, 1,000 clusters, 10,000 pools, 1,000,000 delegators, 1% miner churn, 30 eras.
 */
export type ScaleName = 'S' | 'M' | 'L';

export interface Scale {
  readonly name: ScaleName;
  readonly miners: number;
  readonly clusters: number;
  readonly pools: number;
  readonly delegators: number;
  readonly eras: number;
  readonly churn: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  S: { name: 'S', miners: 1_000, clusters: 10, pools: 0, delegators: 0, eras: 365, churn: 0 },
  M: { name: 'M', miners: 40_000, clusters: 50, pools: 2_000, delegators: 50_000, eras: 365, churn: 0 },
  L: { name: 'L', miners: 100_000, clusters: 1_000, pools: 10_000, delegators: 1_000_000, eras: 30, churn: 0.01 },
};

/**
 * With pools, half the miners are the pools' workers and half mine solo; churn is the solo miners'
 * (twice the scale's rate on half the miners: the scale's rate over all of them).
 */
export function scenarioText(scale: Scale, runs = 1): string {
  const pooled = scale.pools > 0;
  const soloShare = pooled ? 0.5 : 1;
  const exit = scale.churn / soloShare;
  const churn = scale.churn > 0 ? `, exit_probability: ${exit}, rejoin: true` : '';
  const miner = (group: string, count: number, extra: string[]) => [
    `  - group: ${group}`,
    `    count: ${count}`,
    ...extra,
    '    performance: { normal: { mean: 2500, sd: 700 }, min: 300 }',
    '    confidence_level: { weights: [0.2, 0.3, 0.3, 0.1, 0.1] }',
    '    faults: { name: independent, params: { rates: { 1: 0.01, 2: 0.001 } } }',
  ];
  const solo = Math.round(scale.miners * soloShare);
  const lines = [
    `name: bench-${scale.name.toLowerCase()}`,
    'seed: 1',
    `eras: ${scale.eras}`,
    `runs: ${runs}`,
    'network:',
    '  alpha: 0.1',
    '  brackets: 5',
    `  subsidy_pool: ${scale.miners * scale.eras * 20}`,
    '  cooldown_days: 2',
    '  slashing: { 1: 5, 2: 50 }',
    '  constants: { rate: 0.005 }',
    '  rewards: { f: "rate * C * P", g: "(b - 1) / max(k - 1, 1)" }',
    'miners:',
    ...miner('solo', solo, [`    strategy: { name: always-on, params: { payout: { every: 7 }${churn} } }`]),
    ...(pooled
      ? miner('worker', scale.miners - solo, [
          '    pool: pool',
          '    strategy: { name: pool-worker, params: { payout: { every: 7 } } }',
        ])
      : []),
    'clusters:',
    '  - group: dapp',
    `    count: ${scale.clusters}`,
    '    stake: { lognormal: { median: 200000, sigma: 1 } }',
  ];
  if (pooled) {
    lines.push(
      'pools:',
      '  - group: pool',
      `    count: ${scale.pools}`,
      '    commission: { uniform: [0, 0.3] }',
      'delegators:',
      '  - group: holder',
      `    count: ${Math.ceil(scale.delegators / 2)}`,
      '    balance: { lognormal: { median: 3000, sigma: 1 } }',
      '  - group: chaser',
      `    count: ${Math.floor(scale.delegators / 2)}`,
      '    balance: { lognormal: { median: 3000, sigma: 1 } }',
      '    strategy: { name: return-chasing, params: { review_every: 7 } }',
    );
  }
  lines.push('outputs:', '  tables: [eras, clusters, groups, events, pools]');
  return `${lines.join('\n')}\n`;
}
