import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/mechanism/intents.js';
import { PHA, play } from '../helpers.js';

const create: Intent = {
  type: 'CreateCluster',
  actor: 'dev',
  cluster: 'c',
  stake: 100 * PHA,
  cap: 300 * PHA,
  policy: 'random',
};
const stake = (actor: string, amount: number): Intent => ({
  type: 'StakeCluster',
  actor,
  cluster: 'c',
  amount: amount * PHA,
});

describe('staking into clusters (paper §2.1)', () => {
  it('adds stake up to the cap and refuses past it', () => {
    const { states, refusals } = play({ dev: 100, u: 500 }, [[create, stake('u', 150), stake('u', 100)]]);
    expect(states[0]!.clusters[0]!.stake).toBe(250 * PHA);
    expect(refusals).toEqual(['cap reached: 350.000000 PHA would be staked, above the cap of 300.000000 PHA']);
  });

  it('takes unstaked PHA out of the budget at once and returns it after the unbonding period', () => {
    // The test context's unbonding period is 3 eras: asked in era 1, back in era 4.
    const { states } = play({ dev: 100, u: 150 }, [
      [create, stake('u', 150)],
      [{ type: 'UnstakeCluster', actor: 'u', cluster: 'c', amount: 'all' }],
      [],
      [],
      [],
    ]);
    expect(states[1]!.clusters[0]!.stake).toBe(100 * PHA);
    expect(states[3]!.ledger.balances.get('u')).toBe(0);
    expect(states[4]!.ledger.balances.get('u')).toBe(150 * PHA);
    expect(states[4]!.clusters[0]!.unbonding).toEqual([]);
  });

  it('lets only the developer set the cap, and a lower cap pushes nobody out', () => {
    const setCap = (actor: string, cap: number): Intent => ({
      type: 'SetClusterCap',
      actor,
      cluster: 'c',
      cap: cap * PHA,
    });
    const { states, refusals } = play({ dev: 100, u: 150 }, [
      [create, stake('u', 150), setCap('u', 1000), setCap('dev', 50)],
    ]);
    expect(refusals).toEqual(['u is not the developer of cluster c']);
    expect(states[0]!.clusters[0]).toMatchObject({ cap: 50 * PHA, stake: 250 * PHA });
  });
});
