import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { PostWindow } from '../../src/runner/post-window.js';
import { root } from '../cli/cli-helpers.js';

// The poster runs in a thread of its own (it blocks while the window is full), on the built module.
const POSTER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.module).then(({ PostWindow }) => {
    const window = new PostWindow(workerData.counter, workerData.limit);
    for (let i = 0; i < workerData.messages; i++) {
      window.enter();
      parentPort.postMessage(i);
    }
  });
`;

let poster: Worker | undefined;
afterEach(() => void poster?.terminate());

/** Resolves with the messages received once `quietMs` pass without a new one. */
function receivedWhenQuiet(worker: Worker, received: number[], quietMs: number): Promise<number[]> {
  return new Promise((resolve) => {
    let timer = setTimeout(() => resolve(received.slice()), quietMs);
    worker.on('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => resolve(received.slice()), quietMs);
    });
  });
}

describe('PostWindow (a run waits for the thread writing its output)', () => {
  it('lets the poster have `limit` messages in flight, and one more for each the writer has written', async () => {
    const counter = PostWindow.counter();
    const writer = new PostWindow(counter, 3);
    const received: number[] = [];
    poster = new Worker(POSTER, {
      eval: true,
      workerData: { module: `${root}dist/runner/post-window.js`, counter, limit: 3, messages: 5 },
    });
    poster.on('message', (i: number) => received.push(i));
    expect(await receivedWhenQuiet(poster, received, 300)).toEqual([0, 1, 2]);
    expect(writer.size).toBe(3);
    writer.leave();
    expect(await receivedWhenQuiet(poster, received, 300)).toEqual([0, 1, 2, 3]);
    writer.leave();
    writer.leave();
    expect(await receivedWhenQuiet(poster, received, 300)).toEqual([0, 1, 2, 3, 4]);
    expect(writer.size).toBe(2);
  });

  it('never makes a poster wait whose writer keeps pace', () => {
    const window = new PostWindow(PostWindow.counter(), 2);
    for (let i = 0; i < 1000; i++) {
      window.enter();
      window.enter();
      window.leave();
      window.leave();
    }
    expect(window.size).toBe(0);
  });
});
