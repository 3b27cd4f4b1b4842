import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A run's output directory, written in a staging directory beside it and moved into place only
 * when everything is written: a failed or interrupted run never leaves half a result where a
 * finished one would be.
 */
export class StagedDirectory {
  readonly staging: string;

  private constructor(readonly target: string) {
    this.staging = `${target}.partial`;
  }

  static async open(target: string): Promise<StagedDirectory> {
    const dir = new StagedDirectory(target);
    await rm(dir.staging, { recursive: true, force: true });
    await mkdir(dir.staging, { recursive: true });
    return dir;
  }

  file(name: string): string {
    return join(this.staging, name);
  }

  async commit(): Promise<void> {
    await rm(this.target, { recursive: true, force: true });
    await rename(this.staging, this.target);
  }

  async discard(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
  }
}
