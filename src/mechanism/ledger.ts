import type { AccountId, EraState, Ledger, Pool } from './types.js';
import type { Units } from './units.js';

/**
 * The conservation identity of SPEC §1: initial supply = Σ account balances + Σ locked stakes
 * + Σ pool free balances + subsidy pool + treasury + burned. Returns initial supply minus every
 * holding, which is 0 whenever no unit was created or lost.
 */
export function supplyGap(state: EraState): Units {
  return state.initialSupply - totalHoldings(state);
}

/** Every holding, the balances by their running total (what eras.csv reports each era). */
export function totalHoldings(state: EraState): Units {
  return holdingsBesideBalances(state) + state.ledger.balances.total;
}

/** The same, visiting every account's balance: what `--check` compares with the running total. */
export function totalHoldingsCounted(state: EraState): Units {
  let sum = holdingsBesideBalances(state);
  for (const b of state.ledger.balances.values()) sum += b;
  return sum;
}

function holdingsBesideBalances(state: EraState): Units {
  let sum = state.ledger.subsidyPool + state.ledger.treasury + state.ledger.burned;
  sum += sumOf(state.minerColumns.stakeLocked, state.miners.length);
  for (const c of state.clusters) {
    sum += c.stake;
    for (const u of c.unbonding) sum += u.amount;
  }
  const pools = state.pools;
  for (let i = 0; i < pools.length; i++) sum += (pools[i] as Pool).free;
  return sum;
}

/**
 * The first `count` entries summed. A function of its own: a long loop inside the function above
 * was compiled with the code after it before that code had run, which then threw the compiled code
 * away (M: 17 times in its first 60 eras).
 */
function sumOf(column: Float64Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += column[i] as number;
  return sum;
}

export function balanceOf(ledger: Ledger, account: AccountId): Units {
  return ledger.balances.get(account) ?? 0;
}

export function credit(ledger: Ledger, account: AccountId, amount: Units): void {
  ledger.balances.set(account, balanceOf(ledger, account) + amount);
}

/** Takes `amount` from an account; the caller has checked the balance. */
export function debit(ledger: Ledger, account: AccountId, amount: Units): void {
  const balance = balanceOf(ledger, account);
  if (balance < amount) throw new Error(`ledger: ${account} holds ${balance} units, cannot debit ${amount}`);
  ledger.balances.set(account, balance - amount);
}

/** Where slashed and forfeited units go (SPEC §3.7: the treasury, or burned if the scenario says so). */
export type SlashSink = 'treasury' | 'burn';

export function sinkSlashed(ledger: Ledger, sink: SlashSink, amount: Units): void {
  if (sink === 'burn') ledger.burned += amount;
  else ledger.treasury += amount;
}

/**
 * Pays up to `amount` out of the subsidy pool. What the pool cannot pay is returned as
 * `unpaid` and never invented (SPEC §3.8).
 */
export function drawFromSubsidyPool(ledger: Ledger, amount: Units): { paid: Units; unpaid: Units } {
  const paid = Math.min(amount, ledger.subsidyPool);
  ledger.subsidyPool -= paid;
  return { paid, unpaid: amount - paid };
}
