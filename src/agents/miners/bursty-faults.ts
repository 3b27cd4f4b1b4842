import * as z from 'zod';
import { NO_FAULTS, type FaultModel } from '../strategy.js';
import { drawFaults } from './independent-faults.js';

const params = z.strictObject({
  rates: z
    .record(z.string().regex(/^[1-9][0-9]*$/), z.number().min(0).max(1))
    .default({})
    .describe('chance per era of a fault in a bad spell, by severity level'),
  spell_eras: z.number().int().positive().default(7).describe('length of a spell, in eras'),
  bad_share: z.number().min(0).max(1).default(0.1).describe('chance that a spell is bad'),
  calm_factor: z.number().min(0).max(1).default(0).describe('rates outside bad spells, as a share of `rates`'),
});

/**
 * Faults that come in spells (an unstable machine, a bad network week): time is cut into spells of
 * `spell_eras` eras, offset per miner; a spell is bad with chance `bad_share`, and faults strike at
 * `rates` in a bad spell and at `calm_factor × rates` otherwise. Whether a spell is bad is drawn
 * once per miner and spell, so every era of the spell agrees.
 */
export const burstyFaults: FaultModel<z.infer<typeof params>> = {
  kind: 'fault-model',
  name: 'bursty',
  summary: 'faults in spells: a spell of N eras is bad with some chance; faults strike at the rates in bad spells',
  params,
  faults(era, self, p, rng, lasting) {
    // A fixed offset per miner, drawn from its lasting stream 0, so spells do not all start together.
    const offset = Math.floor(lasting(0).next() * p.spell_eras);
    const spell = Math.floor((era + offset) / p.spell_eras);
    const bad = lasting(spell + 1).next() < p.bad_share;
    const factor = bad ? 1 : p.calm_factor;
    return factor === 0 ? NO_FAULTS : drawFaults(self, p.rates, factor, rng);
  },
};
