import { delegatorIdsOf, minerIdsOf, ownerAccount, poolIdsOf } from './agent-ids.js';
import { suggest } from './nearest.js';
import { formatCount, type Problem } from './problems.js';
import { AGENT_SECTIONS, type ScenarioShape } from './schema.js';
import { problemAt, type Locator } from './yaml-source.js';

/**
 * Names one part of a scenario uses for another: miner groups' pools, and every pool, miner and
 * account a script refers to. A reference to something never defined is an error before anything
 * runs (issue 3); so is a script event past the last era.
 */
export function checkReferences(source: Locator, shape: ScenarioShape, problems: Problem[]): void {
  const poolGroups = new Set(shape.pools.map((g) => g.group));
  const minerIds = new Set<string>();
  const groups = new Set<string>();
  shape.miners.forEach((group, i) => {
    if ((group.count === undefined) === (group.ids === undefined)) {
      problems.push(problemAt(source, ['miners', i], 'expected exactly one of count and ids'));
    }
    // A repeated group name is reported once, by the group check; its ids would only say it again.
    const repeated = groups.has(group.group);
    groups.add(group.group);
    for (const id of minerIdsOf(group)) {
      if (minerIds.has(id) && !repeated) {
        problems.push(
          problemAt(
            source,
            ['miners', i, group.ids ? 'ids' : 'group'],
            `expected miner ids not used before, received "${id}" again`,
          ),
        );
      }
      minerIds.add(id);
    }
    if (group.pool !== undefined && !poolGroups.has(group.pool)) {
      problems.push(
        problemAt(source, ['miners', i, 'pool'], `expected a pool group, received "${group.pool}"`, {
          hint: known([...poolGroups], group.pool),
        }),
      );
    }
  });
  const pools = new Set(shape.pools.flatMap(poolIdsOf));
  // Every account's id, made only when a script entry names an account: a scenario of a million
  // delegators spent half a second on this set, and most scripts name none.
  let accountIds: Set<string> | undefined;
  const accounts = (): Set<string> =>
    (accountIds ??= new Set([
      ...Object.keys(shape.accounts),
      ...shape.delegators.flatMap(delegatorIdsOf),
      ...shape.pools.flatMap(poolIdsOf).map(ownerAccount),
    ]));
  shape.script.forEach((entry, i) => {
    const at = (key: string, message: string, hint?: string) =>
      problems.push(problemAt(source, ['script', i, key], message, hint ? { hint } : {}));
    if (entry.era >= shape.eras)
      at('era', `expected an era below ${shape.eras} (the scenario's eras), received ${entry.era}`);
    if (entry.action === 'create_pool') {
      if (pools.has(entry.pool)) at('pool', `expected a new pool id, received "${entry.pool}", defined before`);
      if (!accounts().has(entry.owner))
        at('owner', `expected an account, received "${entry.owner}"`, accountHint(accounts(), entry.owner));
      pools.add(entry.pool);
      return;
    }
    if (!pools.has(entry.pool))
      at('pool', `expected a pool created before this entry, received "${entry.pool}"`, known([...pools], entry.pool));
    if ('miner' in entry && !minerIds.has(entry.miner))
      at(
        'miner',
        `expected a miner defined under miners, received "${entry.miner}"`,
        known([...minerIds], entry.miner),
      );
    if ('delegator' in entry && !accounts().has(entry.delegator))
      at('delegator', `expected an account, received "${entry.delegator}"`, accountHint(accounts(), entry.delegator));
  });
}

function known(names: string[], name: string): string {
  if (names.length === 0) return 'none is defined';
  const near = suggest(name, names);
  return near || `known: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''}`;
}

function accountHint(accounts: Set<string>, name: string): string {
  const near = suggest(name, [...accounts]);
  return near || 'declare it under accounts, with a balance';
}

/**
 * Accounts a scenario may have in all: every account (a miner's operator, a cluster's developer, a
 * pool's owner, each delegator and end-user, each named account) is a key of one JavaScript Map,
 * which holds at most 2^24 (16,777,216) entries; a margin is kept below it.
 */
export const MAX_ACCOUNTS = 16_000_000;

/**
 * Whether the scenario's accounts fit in MAX_ACCOUNTS; if not, a problem at the group's count that
 * passes it. Checked before any index of the scenario's ids is made: past the limit, making one
 * failed with an internal error ("Set maximum size exceeded").
 */
export function checkAccountCount(source: Locator, shape: ScenarioShape, problems: Problem[]): boolean {
  let total = Object.keys(shape.accounts).length;
  for (const section of AGENT_SECTIONS) {
    const groups: readonly { count?: number; ids?: readonly string[] }[] = shape[section];
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      total += group.ids?.length ?? group.count ?? 0;
      if (total <= MAX_ACCOUNTS) continue;
      problems.push(
        problemAt(
          source,
          [section, i, group.ids ? 'ids' : 'count'],
          `expected at most ${formatCount(MAX_ACCOUNTS)} accounts in all (miners, clusters, pools, delegators, end-users and named accounts: each is a key of one index), received ${formatCount(total)} up to here`,
        ),
      );
      return false;
    }
  }
  return true;
}
