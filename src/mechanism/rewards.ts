import type { CompiledExpression } from './expressions.js';
import { PairMemo } from './pair-memo.js';
import { phaToUnits } from './units.js';

/**
 * What the reward step needs of one era. Arrays are indexed by miner slot.
 */
export interface RewardInput {
  readonly era: number;
  /** Slots of the miners in Idle/Active: the ones whose V grows this era. */
  readonly miners: readonly number[];
  /** P, C and bracket b of the miners, columns by slot (the state's `MinerColumns` will do). */
  readonly traits: MinerTraits;
  /** k */
  readonly bracketCount: number;
}

export interface MinerTraits {
  readonly performance: ArrayLike<number>;
  readonly confidence: ArrayLike<number>;
  readonly bracket: ArrayLike<number>;
}

/**
 * The reward step as a replaceable part (SPEC §8: a later `gemini` model plugs in here).
 * Returns the units credited to each miner of `input.miners`, in the same order.
 */
export interface RewardModel {
  /** Units to credit, one per miner of `input.miners`, in its order. */
  accrue(input: RewardInput): Float64Array;
}

/** f or g gave a value the paper rules out (negative, or not a number). */
export class RewardFormulaError extends Error {
  constructor(
    readonly formula: 'f' | 'g',
    readonly value: number,
    readonly scope: Readonly<Record<string, number>>,
  ) {
    const vars = Object.entries(scope)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ');
    super(`${formula} must be a number ≥ 0, but gave ${value} at ${vars}`);
  }
}

/** Variables f and g may read (SPEC §3.6), besides the scenario's constants. */
export const REWARD_VARIABLES = ['C', 'P', 'b', 'k', 'm', 't'] as const;

/**
 * The paper's value promise increment (paper §4, "Remuneration"): V += f(C, P) + g(b) each era
 * a miner is active, rounded down to units when credited (SPEC §3.6).
 *
 * Neither formula is evaluated more often than it can change: g once per bracket for as long as
 * the variables it reads keep their values (t and m change, k does not); f once per miner for as
 * long as it reads only C, P, k and constants (paper §4: f depends on C and P). A formula that
 * reads t is evaluated again each era, as it must be.
 *
 * `known` remembers a static f by (C, P) beyond this model: a caller that makes a model per run
 * passes the same one to every run with the same f, constants and k (a scenario's runs), so each
 * run does not evaluate f for every miner anew.
 */
export function createPaperRewardModel(
  f: CompiledExpression,
  g: CompiledExpression,
  constants: Readonly<Record<string, number>>,
  known: Map<number, PairMemo> = new Map(),
): RewardModel {
  return new PaperRewardModel(f, g, constants, known);
}

/**
 * A class, not an object of closures made for each run: the era's code calls `accrue`, and a new
 * function in each run was a new call target, which made V8 throw that code away in each run's
 * first era (in a thread's second run, a few of the era's largest functions at once).
 */
class PaperRewardModel implements RewardModel {
  private readonly fIsStatic: boolean;
  /** f by miner slot while f is static; NaN where not yet evaluated. */
  private fCache = new Float64Array(0);
  /**
   * While f is static, the units credited by miner slot and bracket (`slot · (k + 1) + b`) for as
   * long as g keeps its values; NaN where not yet worked out. A miner's credit changes only with its
   * bracket, and rounding f + g to units was most of the step at S.
   */
  private creditBySlotAndBracket = new Float64Array(0);
  /** Which of the variables g may change with it reads: only those count. */
  private readonly gReads: { readonly m: boolean; readonly t: boolean };
  /** g by bracket, and the (k, m, t) it was worked out for. */
  private gByBracket = new Float64Array(0);
  private gFor = { k: -1, m: -1, t: -1 };

  constructor(
    private readonly f: CompiledExpression,
    private readonly g: CompiledExpression,
    private readonly constants: Readonly<Record<string, number>>,
    private readonly known: Map<number, PairMemo>,
  ) {
    this.fIsStatic = !f.symbols.has('t') && !f.symbols.has('m') && !f.symbols.has('b');
    this.gReads = { m: g.symbols.has('m'), t: g.symbols.has('t') };
  }

  accrue(input: RewardInput): Float64Array {
    const { f, g, constants, fIsStatic, known } = this;
    const k = input.bracketCount;
    const m = input.miners.length;
    const t = input.era;
    const gNow = { k, m: this.gReads.m ? m : -1, t: this.gReads.t ? t : -1 };
    const gFor = this.gFor;
    if (gNow.k !== gFor.k || gNow.m !== gFor.m || gNow.t !== gFor.t) {
      this.gByBracket = new Float64Array(k + 1);
      for (let b = 1; b <= k; b++) this.gByBracket[b] = evaluate('g', g, { ...constants, b, k, m, t });
      this.gFor = gNow;
      this.creditBySlotAndBracket.fill(Number.NaN);
    }
    const gByBracket = this.gByBracket;
    const { performance, confidence, bracket } = input.traits;
    if (fIsStatic && this.fCache.length < performance.length) {
      this.fCache = grownNaN(this.fCache, Math.max(performance.length, this.fCache.length * 2));
    }
    const stride = k + 1;
    // A credit for each bracket of every slot f is kept for. Grown as f's slots grow; a change of
    // k (the stride) came with a change of g, which has set every credit to NaN already.
    if (fIsStatic && this.creditBySlotAndBracket.length < this.fCache.length * stride) {
      this.creditBySlotAndBracket = grownNaN(this.creditBySlotAndBracket, this.fCache.length * stride);
    }
    const fCache = this.fCache;
    const knownCredit = this.creditBySlotAndBracket;
    let fByTraits = known.get(k);
    if (fIsStatic && fByTraits === undefined) {
      // A static f reads none of m, t and b: its scope is what it may read.
      fByTraits = new PairMemo((C, P) => evaluate('f', f, { ...constants, C, P, k }));
      known.set(k, fByTraits);
    }
    const credits = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      const slot = input.miners[i] as number;
      const b = bracket[slot] as number;
      const at = slot * stride + b;
      let credit = fIsStatic ? (knownCredit[at] as number) : Number.NaN;
      if (Number.isNaN(credit)) {
        let fValue = fIsStatic ? (fCache[slot] as number) : Number.NaN;
        if (Number.isNaN(fValue)) {
          const C = confidence[slot] as number;
          const P = performance[slot] as number;
          if (fByTraits === undefined) fValue = evaluate('f', f, { ...constants, C, P, k, m, t });
          else fCache[slot] = fValue = fByTraits.get(C, P);
        }
        credit = phaToUnits(fValue + (gByBracket[b] as number));
        if (fIsStatic) knownCredit[at] = credit;
      }
      credits[i] = credit;
    }
    return credits;
  }
}

/** `array` in a longer one, the new entries NaN (not yet worked out). */
function grownNaN(array: Float64Array, length: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(length).fill(Number.NaN);
  grown.set(array);
  return grown;
}

/** f or g at `scope`, refused where the paper rules the value out (negative, or not a number). */
function evaluate(formula: 'f' | 'g', expr: CompiledExpression, scope: Record<string, number>): number {
  const value = expr.evaluate(scope);
  if (!(value >= 0) || !Number.isFinite(value)) throw new RewardFormulaError(formula, value, scope);
  return value;
}
