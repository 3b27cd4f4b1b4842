import type { Command } from 'commander';

export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('merge the outputs of run --shard K/N into the output the unsharded run writes')
    .argument('<dirs...>', 'shard output directories, e.g. out/sweep.shard-1-of-4 out/sweep.shard-2-of-4 …')
    .option('-o, --out <dir>', 'where <name>/ is written', 'out')
    .option('-q, --quiet', 'no summary on stderr', false)
    .action(async (dirs: string[], flags: { out: string; quiet: boolean }) => {
      const { mergeShards } = await import('../runner/merge.js');
      const summary = mergeShards(dirs, flags.out);
      if (!flags.quiet)
        process.stderr.write(
          `merged ${dirs.length} shard${dirs.length === 1 ? '' : 's'} into ${summary.dir}/ (${summary.skipped} run${summary.skipped === 1 ? '' : 's'})\n`,
        );
    });
}
