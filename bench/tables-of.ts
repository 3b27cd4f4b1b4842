import type { Scenario } from '../src/scenarios/load-scenario.js';
import { TABLES, type TableName } from '../src/scenarios/schema.js';

/** The tables a scenario writes, eras first (as `run` does). */
export function tablesOf(scenario: Scenario): TableName[] {
  return TABLES.filter((t) => t === 'eras' || scenario.outputs.tables.includes(t));
}
