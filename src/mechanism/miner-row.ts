import type { MinerColumns } from './miner-columns.js';
import { stateCode, STATES } from './miner-state.js';
import type { AccountId, Miner, MinerState } from './types.js';
import type { Units } from './units.js';

/**
 * One miner: the strings on the record, the numbers in its row of the columns. Accessors keep
 * the `Miner` shape, so the mechanism's rules read as they did on plain records.
 */
export class MinerRow implements Miner {
  constructor(
    private readonly columns: MinerColumns,
    readonly slot: number,
    readonly id: string,
    readonly owner: AccountId,
    readonly pool: string | null,
  ) {}

  get performance(): number {
    return this.columns.performance[this.slot] as number;
  }
  get confidence(): number {
    return this.columns.confidence[this.slot] as number;
  }
  get stake(): Units {
    return this.columns.stake[this.slot] as number;
  }
  get joinedEra(): number {
    return this.columns.joinedEra[this.slot] as number;
  }
  get stakeLocked(): Units {
    return this.columns.stakeLocked[this.slot] as number;
  }
  set stakeLocked(units: Units) {
    this.columns.setStakeLocked(this.slot, units);
  }
  get accrued(): Units {
    return this.columns.accrued[this.slot] as number;
  }
  set accrued(units: Units) {
    this.columns.accrued[this.slot] = units;
  }
  get slashed(): Units {
    return this.columns.slashed[this.slot] as number;
  }
  set slashed(units: Units) {
    this.columns.slashed[this.slot] = units;
  }
  get paid(): Units {
    return this.columns.paid[this.slot] as number;
  }
  set paid(units: Units) {
    this.columns.paid[this.slot] = units;
  }
  get points(): number {
    return this.columns.points[this.slot] as number;
  }
  set points(points: number) {
    this.columns.points[this.slot] = points;
  }
  get cluster(): number {
    return this.columns.cluster[this.slot] as number;
  }
  set cluster(cluster: number) {
    this.columns.cluster[this.slot] = cluster;
  }
  get bracket(): number {
    return this.columns.bracket[this.slot] as number;
  }
  set bracket(bracket: number) {
    this.columns.bracket[this.slot] = bracket;
  }
  get leftEra(): number | null {
    const era = this.columns.leftEra[this.slot] as number;
    return era < 0 ? null : era;
  }
  set leftEra(era: number | null) {
    this.columns.leftEra[this.slot] = era ?? -1;
  }
  get state(): MinerState {
    return STATES[this.columns.state[this.slot] as number] as MinerState;
  }
  set state(state: MinerState) {
    this.columns.setState(this.slot, stateCode(state));
  }
  get onLists(): boolean {
    return this.columns.onLists[this.slot] === 1;
  }
  set onLists(on: boolean) {
    this.columns.onLists[this.slot] = on ? 1 : 0;
  }

  /** The record as plain data (what JSON.stringify and test snapshots see). */
  toJSON(): Miner {
    return plainMiner(this);
  }
}

/** Every field of a miner as a plain object. */
export function plainMiner(miner: Miner): Miner {
  return {
    id: miner.id,
    slot: miner.slot,
    owner: miner.owner,
    performance: miner.performance,
    confidence: miner.confidence,
    stake: miner.stake,
    stakeLocked: miner.stakeLocked,
    accrued: miner.accrued,
    slashed: miner.slashed,
    paid: miner.paid,
    state: miner.state,
    cluster: miner.cluster,
    points: miner.points,
    bracket: miner.bracket,
    joinedEra: miner.joinedEra,
    leftEra: miner.leftEra,
    onLists: miner.onLists,
    pool: miner.pool,
  };
}
