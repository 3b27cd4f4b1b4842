import type { Command } from 'commander';
import { readInputFile } from './read-input.js';

export function registerMatchCommand(program: Command): void {
  program
    .command('match')
    .description("budgets, matching, popularity and brackets for one era's snapshot; prints JSON")
    .argument(
      '<instance>',
      'JSON file: { alpha, brackets, rule, seed, miners: [{id, power}], clusters: [{id, stake, preferences?}] }',
    )
    .addHelpText(
      'after',
      '\nA cluster without "preferences" gets a random order drawn from "seed".\nSee docs/match.md for the input and output fields.',
    )
    .action(async (file: string) => {
      const [{ matchSnapshot }, { loadMatchInstance }] = await Promise.all([
        import('../mechanism/match-snapshot.js'),
        import('../scenarios/load-match-instance.js'),
      ]);
      const instance = loadMatchInstance(await readInputFile(file), file);
      process.stdout.write(`${JSON.stringify(matchSnapshot(instance), null, 2)}\n`);
    });
}
