/**
 * The floor: the least work an era with explicit preference lists can do, touching every
 * (cluster, miner) list entry once, as a plain typed-array loop (the popularity sum of paper §4).
 * Returns its median time per era in milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { pointsFor } from '../src/mechanism/popularity.js';

export function floorLoop(clusters: number, miners: number, eras: number): number {
  const lists = Array.from({ length: clusters }, () => {
    const list = new Int32Array(miners);
    for (let i = 0; i < miners; i++) list[i] = i;
    for (let i = miners - 1; i > 0; i--) {
      const j = (i * 2654435761) % (i + 1); // a fixed shuffle: the floor needs no randomness
      const tmp = list[i]!;
      list[i] = list[j]!;
      list[j] = tmp;
    }
    return list;
  });
  // Points as the era keeps them (mechanism/popularity.ts pointsFor): 32 bits where every sum fits.
  const points = pointsFor(clusters, miners, miners);
  const times: number[] = [];
  for (let era = 0; era < eras; era++) {
    const start = performance.now();
    points.fill(0);
    for (const list of lists) for (let r = 0; r < miners; r++) points[list[r]!]! += miners - r;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor((times.length - 1) / 2)] as number;
}
