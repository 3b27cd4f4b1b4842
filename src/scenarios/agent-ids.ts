import type { DelegatorGroup, MinerGroup, PoolGroup } from './schema.js';

/**
 * How agents of a group are named: `<group>-1 … <group>-<count>`, or a miner group's own `ids`.
 * Accounts: a miner's operator `op:<miner>`, a cluster's developer `dev:<cluster>`, a pool's owner
 * `owner:<pool>`; a delegator's account is its id.
 */
export function numbered(group: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${group}-${i + 1}`);
}

export function minerIdsOf(group: MinerGroup): string[] {
  return group.ids ?? numbered(group.group, group.count ?? 0);
}

export function poolIdsOf(group: PoolGroup): string[] {
  return numbered(group.group, group.count);
}

export function delegatorIdsOf(group: DelegatorGroup): string[] {
  return numbered(group.group, group.count);
}

export const operatorAccount = (miner: string) => `op:${miner}`;
export const developerAccount = (cluster: string) => `dev:${cluster}`;
export const ownerAccount = (pool: string) => `owner:${pool}`;
