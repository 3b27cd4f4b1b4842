/**
 * The list helper's thread (runner/list-helper.ts): does the share of an era's list work it is
 * sent, into the shared arrays it is sent, and says when it is done through the status words the
 * run's thread waits on. Its errors go back by a port the run's thread reads while it waits.
 */
import { workerData, parentPort, type MessagePort } from 'node:worker_threads';
import { scorePopularity } from '../mechanism/popularity.js';
import { insertAtRandom } from '../mechanism/random-insertion.js';
import { streamNamed } from '../mechanism/rng.js';
import { DONE, PROGRESS, type HelperTask } from './list-helper.js';

const { status, errors } = workerData as { status: Int32Array; errors: MessagePort };

parentPort!.on('message', (task: HelperTask) => {
  try {
    if (task.type === 'insert') insertShare(task);
    else scoreShare(task);
    Atomics.store(status, DONE, task.number);
  } catch (err) {
    errors.postMessage({ message: err instanceof Error ? err.message : String(err) });
    Atomics.store(status, DONE, -task.number);
  }
  Atomics.notify(status, DONE);
});

function insertShare(task: Extract<HelperTask, { type: 'insert' }>): void {
  const departed = { flags: task.flags, count: task.count };
  for (let i = 0; i < task.lists.length; i++) {
    const into = task.into[i] as Int32Array;
    insertAtRandom(
      task.lists[i] as Int32Array,
      task.joined,
      streamNamed(task.streams[i] as string),
      departed,
      (length) => {
        if (length !== into.length) throw new Error(`a list of ${length} entries was given an array of ${into.length}`);
        return into;
      },
    );
    Atomics.add(status, PROGRESS, 1);
  }
}

/** scorePopularity of its lists, into the shared points. */
function scoreShare(task: Extract<HelperTask, { type: 'score' }>): void {
  task.points.fill(0, 0, task.slotCount);
  scorePopularity(task.lists, task.minerCount, task.slotCount, task.points);
  Atomics.add(status, PROGRESS, task.lists.length);
}
