import type { Command } from 'commander';
import { join } from 'node:path';
import { collect } from './options.js';
import { readInputFile } from './read-input.js';

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check a scenario (every sweep point) without running it')
    .argument('<scenario>', 'scenario YAML file')
    .option('--set <path=value>', 'override a scenario value (repeatable)', collect, [])
    .action(async (file: string, flags: { set: string[] }) => {
      const [{ loadExperiment }, { tablesOf }] = await Promise.all([
        import('../scenarios/experiment.js'),
        import('../runner/run-experiment.js'),
      ]);
      const experiment = loadExperiment(await readInputFile(file), file, flags.set);
      const base = experiment.points[0]!;
      const runs = experiment.points.reduce((n, p) => n + p.runs, 0);
      const eras = [...new Set(experiment.points.map((p) => p.eras))].join(' or ');
      const points = experiment.points.length;
      process.stdout.write(
        `${file}: valid. ${points} point${points === 1 ? '' : 's'}, ${runs} run${runs === 1 ? '' : 's'} of ${eras} eras; ` +
          `tables ${tablesOf(experiment).join(', ')}; output ${join(base.outputs.dir, base.name)}/\n`,
      );
    });
}
