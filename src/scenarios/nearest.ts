import { distance } from 'fastest-levenshtein';

/** The known name closest to `name`, if it is close enough to be a likely typo. */
export function nearestName(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= allowed ? best : null;
}

/** "did you mean …?" or an empty string. */
export function suggest(name: string, known: readonly string[]): string {
  const near = nearestName(name, known);
  return near ? `did you mean '${near}'?` : '';
}
