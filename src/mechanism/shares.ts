import type { Units } from './units.js';

/**
 * Exact share arithmetic for stake pools. A delegator's stake in a pool is a number of shares;
 * the pool's value divided by its shares is the share price, so a reward raises every
 * delegator's stake pro rata in one step per pool, not one per delegator (doc 002: delegator
 * reward = R · (1 − commission) · x_d / X; compounding as in the deployed StakePool, seed 003).
 *
 * Products of shares and units exceed 2^53, so the arithmetic is in BigInt; results that are
 * token amounts come back as plain integers (they never exceed the supply). Every rounding
 * favours the pool's remaining holders, so a pool never owes more than it holds.
 */
export function sharesForDeposit(amount: Units, totalShares: bigint, value: Units): bigint {
  if (totalShares === 0n) return BigInt(amount); // the first delegation sets the price at 1 unit per share
  // At a price of exactly one unit per share (a pool before its first reward: every pool of L's
  // million first delegations) the deposit mints its amount, without the product's temporaries. A
  // value is a whole number below 2^53, so `Number` equals it only if the shares do exactly.
  if (Number(totalShares) === value) return BigInt(amount);
  return (BigInt(amount) * totalShares) / BigInt(value);
}

/** floor(shares · value / totalShares): what the shares are worth. */
export function valueOfShares(shares: bigint, totalShares: bigint, value: Units): Units {
  if (totalShares === 0n || shares === 0n) return 0;
  return Number((shares * BigInt(value)) / totalShares);
}

/** ceil(amount · totalShares / value): the shares to burn to pay out `amount`. */
export function sharesForPayment(amount: Units, totalShares: bigint, value: Units): bigint {
  if (value === 0) return totalShares;
  const numerator = BigInt(amount) * totalShares;
  const v = BigInt(value);
  return (numerator + v - 1n) / v;
}
