import type { Command } from 'commander';

export function registerStrategiesCommand(program: Command): void {
  program
    .command('strategies')
    .description('list every strategy by agent kind, with its summary and parameters')
    .option('--markdown', 'print as Markdown (docs/strategies.md is this output)', false)
    .action(async (flags: { markdown: boolean }) => {
      const { strategiesMarkdown, strategiesText } = await import('./strategies-listing.js');
      process.stdout.write(flags.markdown ? strategiesMarkdown() : strategiesText());
    });
}
