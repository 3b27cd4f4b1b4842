import { create, all, type MathNode, type EvalFunction } from 'mathjs';

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
  const unknown: string[] = [];
  node.traverse((child, path, parent) => {
    if (child.type !== 'SymbolNode') return;
    // The callee of f(x) is a SymbolNode too; it must be a built-in function, not a variable.
    const isCallee = parent?.type === 'FunctionNode' && path === 'fn';
    const name = (child as unknown as { name: string }).name;
    if (allowed.has(name) && !isCallee) symbols.add(name);
    else if (!isBuiltIn(name) && !unknown.includes(name)) unknown.push(name);
  });
  if (unknown.length > 0) {
    const known = [...allowed].join(', ');
    throw new ExpressionError(
      `unknown name ${unknown.map((u) => `'${u}'`).join(', ')} (known variables: ${known})`,
      null,
    );
  }
  const compiled: EvalFunction = node.compile();
  return {
    source,
    symbols,
    evaluate(scope) {
      const value: unknown = compiled.evaluate({ ...scope });
      return typeof value === 'number' ? value : Number.NaN;
    },
  };
}
