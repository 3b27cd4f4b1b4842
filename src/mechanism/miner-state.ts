import type { MinerState } from './types.js';

/** Codes of the miner columns' `state` column (miner-columns.ts); the online states come first. */
export const STATE_CODE = { Idle: 0, Active: 1, CoolingDown: 2, Stopped: 3 } as const;
/** The states by code. */
export const STATES: readonly MinerState[] = ['Idle', 'Active', 'CoolingDown', 'Stopped'];

/** The code of a state; an unknown one is refused rather than stored as a wrong code. */
export function stateCode(state: MinerState): number {
  if (!Object.hasOwn(STATE_CODE, state)) throw new Error(`unknown miner state ${String(state)}`);
  return STATE_CODE[state];
}
