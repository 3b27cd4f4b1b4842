import * as z from 'zod';

/** One parameter of a strategy, as `phala-sim strategies` lists it. */
export interface ParamInfo {
  readonly name: string;
  readonly type: string;
  /** JSON of the default, or '' when there is none (optional or required). */
  readonly default: string;
  readonly range: string;
  readonly meaning: string;
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

/** Reads a strategy's params schema (a zod object) into rows: name, type, default, range, meaning. */
export function describeParams(schema: z.ZodType): ParamInfo[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, AnySchema>).map(([name, field]) => {
    let inner = field;
    let dflt = '';
    if (inner._zod.def.type === 'default') {
      dflt = JSON.stringify(inner._zod.def.defaultValue);
      inner = inner._zod.def.innerType as AnySchema;
    } else if (inner._zod.def.type === 'optional') {
      dflt = '(none)';
      inner = inner._zod.def.innerType as AnySchema;
    }
    return {
      name,
      type: typeOf(inner),
      default: dflt,
      range: rangeOf(inner),
      meaning: field.description ?? inner.description ?? '',
    };
  });
}

function typeOf(schema: AnySchema): string {
  const def = schema._zod.def;
  switch (def.type) {
    case 'number':
      return (schema as unknown as z.ZodNumber).isInt ? 'integer' : 'number';
    case 'enum':
      return (schema as unknown as z.ZodEnum).options.map((o) => JSON.stringify(o)).join(' | ');
    case 'literal':
      return (def.values as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
    case 'union':
      return (def.options as AnySchema[]).map(typeOf).join(' | ');
    case 'object':
      return `{ ${Object.entries((schema as unknown as z.ZodObject).shape as Record<string, AnySchema>)
        .map(([k, v]) => `${k}: ${typeOf(v)}`)
        .join(', ')} }`;
    case 'record':
      return `map of ${typeOf(def.valueType as AnySchema)}`;
    default:
      return def.type;
  }
}

/** "0 ≤ x ≤ 1", "x > 0", or ''. */
function rangeOf(schema: AnySchema): string {
  const checks = (schema._zod.def.checks ?? []) as unknown as {
    _zod: { def: { check: string; value: number; inclusive: boolean } };
  }[];
  const parts: string[] = [];
  for (const c of checks) {
    const d = c._zod.def;
    if (d.check === 'greater_than') parts.unshift(`${d.value} ${d.inclusive ? '≤' : '<'}`);
    if (d.check === 'less_than') parts.push(`${d.inclusive ? '≤' : '<'} ${d.value}`);
  }
  if (parts.length === 0) return '';
  const lower = parts.find((p) => p.endsWith('≤') || p.endsWith('<'));
  const upper = parts.find((p) => p.startsWith('≤') || p.startsWith('<'));
  return [lower, 'x', upper].filter(Boolean).join(' ');
}
