import { describe, expect, it, vi } from 'vitest';
import { compileExpression, ExpressionError } from '../../src/mechanism/expressions.js';
import { createPaperRewardModel, RewardFormulaError, type RewardInput } from '../../src/mechanism/rewards.js';

const F_VARS = ['C', 'P', 'k', 'm', 't'];
const G_VARS = ['b', 'k', 'm', 't'];

function input(era: number, brackets: number[]): RewardInput {
  return {
    era,
    miners: brackets.map((_, i) => i),
    traits: {
      performance: brackets.map((_, i) => 1000 * (i + 1)),
      confidence: brackets.map(() => 0.8),
      bracket: brackets,
    },
    bracketCount: 3,
  };
}

describe('the paper reward model (paper §4: V += f(C, P) + g(b))', () => {
  it('credits f + g rounded down to units', () => {
    // f = C·P/1000: 0.8 and 1.6 PHA; g = b/3: 1/3 and 2/3 PHA.
    // miner 0: 0.8 + 0.333333.. = 1.133333 PHA -> 1133333 units; miner 1: 1.6 + 0.666666.. -> 2266666.
    const model = createPaperRewardModel(
      compileExpression('C * P / 1000', F_VARS),
      compileExpression('b / 3', G_VARS),
      {},
    );
    expect([...model.accrue(input(0, [1, 2]))]).toEqual([1_133_333, 2_266_666]);
  });

  it('uses the scenario constants', () => {
    const model = createPaperRewardModel(
      compileExpression('rate * P', [...F_VARS, 'rate']),
      compileExpression('0', G_VARS),
      { rate: 0.002 },
    );
    expect([...model.accrue(input(0, [1]))]).toEqual([2_000_000]);
  });

  it('evaluates f once per miner when f reads only C and P, and g once per bracket while b and k are all it reads', () => {
    const f = compileExpression('C * P', F_VARS);
    const g = compileExpression('b', G_VARS);
    const fSpy = vi.spyOn(f, 'evaluate');
    const gSpy = vi.spyOn(g, 'evaluate');
    const model = createPaperRewardModel(f, g, {});
    for (let era = 0; era < 4; era++) model.accrue(input(era, [1, 2, 3, 3]));
    expect(fSpy).toHaveBeenCalledTimes(4); // 4 miners, once each
    expect(gSpy).toHaveBeenCalledTimes(3); // k = 3 brackets, once
  });

  it('credits a miner at its bracket of the era, when brackets change and miners join (credits kept by slot and bracket)', () => {
    const model = createPaperRewardModel(compileExpression('P / 1000', F_VARS), compileExpression('b', G_VARS), {});
    // f = 1, 2, 3 PHA by slot; g = b PHA.
    expect([...model.accrue(input(0, [1, 2]))]).toEqual([2_000_000, 4_000_000]);
    expect([...model.accrue(input(1, [2, 1]))]).toEqual([3_000_000, 3_000_000]);
    expect([...model.accrue(input(2, [2, 1, 3]))]).toEqual([3_000_000, 3_000_000, 6_000_000]);
    expect([...model.accrue(input(3, [1, 3, 3]))]).toEqual([2_000_000, 5_000_000, 6_000_000]);
  });

  it('evaluates g again when a variable it reads changes: t every era, m when the miner count does', () => {
    const byEra = compileExpression('b + t', G_VARS);
    const byCount = compileExpression('b * m', G_VARS);
    const eraSpy = vi.spyOn(byEra, 'evaluate');
    const countSpy = vi.spyOn(byCount, 'evaluate');
    const f = compileExpression('0', F_VARS);
    const eraModel = createPaperRewardModel(f, byEra, {});
    const countModel = createPaperRewardModel(f, byCount, {});
    const credits: number[][] = [];
    for (const [era, brackets] of [
      [0, [1, 2]],
      [1, [1, 2]],
      [2, [1, 2, 3]],
    ] as const) {
      credits.push([...eraModel.accrue(input(era, [...brackets]))]);
      countModel.accrue(input(era, [...brackets]));
    }
    expect(eraSpy).toHaveBeenCalledTimes(9); // 3 brackets × 3 eras
    expect(countSpy).toHaveBeenCalledTimes(6); // m = 2 in eras 0-1, then 3 in era 2
    expect(credits).toEqual([
      [1_000_000, 2_000_000],
      [2_000_000, 3_000_000],
      [3_000_000, 4_000_000, 5_000_000],
    ]);
  });

  it('remembers a static f by (C, P) across models given the same memo (the runs of a scenario)', () => {
    const f = compileExpression('C * P / 1000', F_VARS);
    const fSpy = vi.spyOn(f, 'evaluate');
    const g = compileExpression('0', G_VARS);
    const known = new Map();
    const first = [...createPaperRewardModel(f, g, {}, known).accrue(input(0, [1, 2]))];
    expect(fSpy).toHaveBeenCalledTimes(2);
    // A new run: new slots, the same traits. No evaluation, the same credits.
    const second = [...createPaperRewardModel(f, g, {}, known).accrue(input(3, [2, 1]))];
    expect(fSpy).toHaveBeenCalledTimes(2);
    expect(second).toEqual(first);
    // Without the memo, a new model evaluates again.
    createPaperRewardModel(f, g, {}).accrue(input(0, [1, 2]));
    expect(fSpy).toHaveBeenCalledTimes(4);
  });

  it('evaluates f every era when it reads t', () => {
    const f = compileExpression('P / (t + 1)', F_VARS);
    const fSpy = vi.spyOn(f, 'evaluate');
    const model = createPaperRewardModel(f, compileExpression('0', G_VARS), {});
    model.accrue(input(0, [1]));
    model.accrue(input(1, [1]));
    expect(fSpy).toHaveBeenCalledTimes(2);
  });

  it('refuses a negative value with the variables that produced it', () => {
    const model = createPaperRewardModel(compileExpression('P - 1500', F_VARS), compileExpression('0', G_VARS), {});
    expect(() => model.accrue(input(0, [1]))).toThrow(RewardFormulaError);
    expect(() => model.accrue(input(0, [1]))).toThrow(/f must be a number ≥ 0, but gave -500 at .*P = 1000/);
  });
});

describe('compileExpression', () => {
  it('lists the variables a formula reads, not the functions it calls', () => {
    expect([...compileExpression('50 * sqrt(P) + max(C, 0)', ['C', 'P']).symbols].sort()).toEqual(['C', 'P']);
  });
  it('refuses functions that draw at random, which would make runs irreproducible', () => {
    expect(() => compileExpression('C * random()', ['C'])).toThrow("'random' draws at random");
    expect(() => compileExpression('randomInt(1, P)', ['P'])).toThrow("'randomInt' draws at random");
    expect(compileExpression('C * round(P)', ['C', 'P']).evaluate({ C: 2, P: 1.6 })).toBe(4);
  });
  it('names an unknown variable and the known ones', () => {
    expect(() => compileExpression('Q * 2', ['C', 'P'])).toThrow("unknown name 'Q' (known variables: C, P)");
  });
  it('computes with numbers: the usual functions and constants; what is no real number is NaN', () => {
    const at = (source: string, scope: Record<string, number> = {}) =>
      compileExpression(source, Object.keys(scope)).evaluate(scope);
    expect(at('log(e) + floor(pi) + max(1, x) + 2^3 + 5 mod 3 + 3!', { x: 4 })).toBe(1 + 3 + 4 + 8 + 2 + 6);
    expect(at('x > 1 ? 10 : 20', { x: 2 })).toBe(10);
    expect(at('sqrt(x)', { x: -1 })).toBeNaN(); // a complex root
    expect(at('log(x)', { x: -1 })).toBeNaN();
    expect(at('[x, 1][1]', { x: 2 })).toBeNaN(); // a matrix: not made, not thrown
  });
  it('refuses operators that are not for numbers, by their sign', () => {
    expect(() => compileExpression('b ?? 1', ['b'])).toThrow("operator '??' is not for numbers");
    expect(() => compileExpression('b .* 2 + b .^ 2', ['b'])).toThrow("operators '.*', '.^' are not for numbers");
  });
  it('gives the character where a syntax error starts', () => {
    try {
      compileExpression('C * (P', ['C', 'P']);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ExpressionError);
      expect((err as ExpressionError).position).toBe(7); // 1-based: just past "C * (P"
    }
  });
});
