/**
 * Token amounts are integer counts of a base unit (SPEC §1, Decision: 1 unit = 10^-6 PHA).
 * 10^9 PHA of total supply is 10^15 units, inside the exact integer range of a double, so a
 * plain `number` holds every balance exactly as long as every credit is rounded to a unit.
 */
export type Units = number;

export const UNITS_PER_PHA = 1_000_000;
const DECIMALS = 6;
const ZERO_PHA = '0.000000';

/**
 * Converts a PHA amount (a plain number, as a scenario or a formula gives it) to units,
 * rounding down (SPEC §3.6: "rounded down to units when credited").
 *
 * A product that lands within floating-point noise of a whole unit counts as that unit:
 * 0.57 * 10^6 is 569999.9999999999 in binary, and 0.57 PHA must be 570000 units, not 569999.
 */
export function phaToUnits(pha: number): Units {
  return floorUnits(pha * UNITS_PER_PHA);
}

/**
 * Rounds a computed amount of units down, treating a value within floating-point noise of a
 * whole unit as that unit: 10 PHA × 0.6 commission is 6 PHA, never a unit less.
 */
export function floorUnits(units: number): Units {
  const nearest = Math.round(units);
  const noise = 4 * Number.EPSILON * Math.max(1, Math.abs(units));
  return Math.abs(units - nearest) <= noise ? nearest : Math.floor(units);
}

/** Rounds up to a unit, with the same tolerance: a stake requirement is never under-met by rounding. */
export function ceilUnits(units: number): Units {
  const nearest = Math.round(units);
  const noise = 4 * Number.EPSILON * Math.max(1, Math.abs(units));
  return Math.abs(units - nearest) <= noise ? nearest : Math.ceil(units);
}

/** Exact decimal text of an amount in PHA with six decimals: 1234567 units -> "1.234567". */
export function formatPha(units: Units): string {
  if (units === 0) return ZERO_PHA; // most reward and queue cells of a large run, every era
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / UNITS_PER_PHA);
  const frac = abs - whole * UNITS_PER_PHA;
  return `${sign}${whole}.${String(frac).padStart(DECIMALS, '0')}`;
}

/** Units as a PHA number, for reports where a float is wanted (JSON, summaries). */
export function unitsToPha(units: Units): number {
  return units / UNITS_PER_PHA;
}

/**
 * Splits `total` units pro rata to `weights`: each receiver gets the floor of its share and
 * the remainder goes to `remainderTo` (SPEC §1: rounding of a split is explicit).
 */
export function splitProRata(total: Units, weights: readonly number[], remainderTo: number): Units[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map((_, i) => (i === remainderTo ? total : 0));
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const given = shares.reduce((a, b) => a + b, 0);
  shares[remainderTo] = (shares[remainderTo] ?? 0) + (total - given);
  return shares;
}
