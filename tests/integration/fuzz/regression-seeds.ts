// Seeds the protocol fuzz suite always runs, besides one fresh seed per run. When a fresh seed
// finds a problem, the test prints it: fix the problem and add the seed here with a note, so
// the case is replayed forever after.
export const REGRESSION_SEEDS: ReadonlyArray<{ seed: number; note: string }> = [
  { seed: 20210118, note: 'baseline: the ceremony date' },
  { seed: 8, note: 'baseline: issue 8' },
];
