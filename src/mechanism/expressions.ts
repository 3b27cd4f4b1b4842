import { all, create, type EvalFunction, type MathNode, type OperatorNode } from 'mathjs/number';

/**
 * mathjs's number-only build: a formula is of real numbers, and in the full build a result that is
 * not one (a matrix, a complex root, a unit) only became NaN. Its functions take numbers alone, so
 * making them and compiling the first formula take about 15 ms where the full build took about
 * 170 ms, paid by the main thread and every worker thread of every command.
 */
const math = create(all as NonNullable<typeof all>, {});

/**
 * A scenario formula (f, g, S_min, …) in mathjs syntax, parsed and compiled once. Evaluating it
 * never parses again (issue: "compiled once and never re-parsed per era").
 */
export interface CompiledExpression {
  readonly source: string;
  /** Free variables the formula reads. */
  readonly symbols: ReadonlySet<string>;
  evaluate(scope: Readonly<Record<string, number>>): number;
}

/** A formula that cannot be used; `position` is the 1-based character where the trouble starts, if known. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number | null,
  ) {
    super(message);
  }
}

/**
 * mathjs functions that draw from the global generator: a formula using one would make a run depend on
 * something other than its scenario and seed (the brief's determinism rule).
 */
const RANDOM_FUNCTIONS = ['random', 'randomInt', 'pickRandom'];

/** Functions and constants a formula may use without declaring them (sqrt, log, pi, …). */
function isBuiltIn(name: string): boolean {
  return name in math && typeof (math as unknown as Record<string, unknown>)[name] !== 'undefined';
}

export function compileExpression(source: string, variables: readonly string[]): CompiledExpression {
  let node: MathNode;
  try {
    node = math.parse(source);
  } catch (err) {
    const e = err as Error & { char?: number };
    throw new ExpressionError(e.message.replace(/ \(char \d+\)$/, ''), typeof e.char === 'number' ? e.char : null);
  }
  const allowed = new Set(variables);
  const symbols = new Set<string>();
  const calls = new Set<string>();
  const unknown: string[] = [];
  const operators: string[] = [];
  node.traverse((child, path, parent) => {
    // An operator is a function too (`??` is nullish, `.*` dotMultiply): some are matrices' or units'.
    if (child.type === 'OperatorNode') {
      const { op, fn } = child as OperatorNode;
      if (!isBuiltIn(fn) && !operators.includes(op)) operators.push(op);
    }
    if (child.type !== 'SymbolNode') return;
    // The callee of f(x) is a SymbolNode too; it must be a built-in function, not a variable.
    const isCallee = parent?.type === 'FunctionNode' && path === 'fn';
    const name = (child as unknown as { name: string }).name;
    if (isCallee) calls.add(name);
    if (allowed.has(name) && !isCallee) symbols.add(name);
    else if (!isBuiltIn(name) && !unknown.includes(name)) unknown.push(name);
  });
  const random = unknown.length === 0 ? RANDOM_FUNCTIONS.filter((f) => calls.has(f)) : [];
  if (random.length > 0) {
    throw new ExpressionError(
      `${random.map((r) => `'${r}'`).join(', ')} draws at random: a formula must give the same value for the same inputs (use a strategy or distribution for randomness)`,
      null,
    );
  }
  if (unknown.length > 0) {
    const known = [...allowed].join(', ');
    throw new ExpressionError(
      `unknown name ${unknown.map((u) => `'${u}'`).join(', ')} (known variables: ${known})`,
      null,
    );
  }
  if (operators.length > 0) {
    const one = operators.length === 1;
    const signs = operators.map((o) => `'${o}'`).join(', ');
    throw new ExpressionError(
      `${one ? 'operator' : 'operators'} ${signs} ${one ? 'is' : 'are'} not for numbers (a formula is of numbers only)`,
      null,
    );
  }

  let compiled: EvalFunction;
  try {
    compiled = node.compile();
  } catch (err) {
    throw new ExpressionError((err as Error).message, null);
  }
  return {
    source,
    symbols,
    evaluate(scope) {
      // What is not a real number is NaN, which the callers refuse with the values that gave it; so
      // is a formula that fails on its values (a matrix, which the number build cannot make).
      try {
        const value: unknown = compiled.evaluate({ ...scope });
        return typeof value === 'number' ? value : Number.NaN;
      } catch {
        return Number.NaN;
      }
    },
  };
}
