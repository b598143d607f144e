// A stamping worker's warm-up: once it has been idle for a moment, it stamps and seals a few
// sample agreements (server/documents/warm-up.ts) so that V8 compiles the stamping code before the
// first real signature, instead of on the cores the burst needs. Real work always comes first: a
// task waits for at most the one sample in progress, no sample starts while a task runs or while
// tasks arrived less than `idleMs` ago (a server seeding its originals), and the first real stamp
// ends the warm-up (real stamps warm the code as well). STAMP_WARM_UP=0 turns it off.
import { WARM_UP_DOCUMENT, warmUpInput } from '../documents/warm-up';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../documents/types';

/** Sample stamps per worker unless STAMP_WARM_UP says otherwise. */
export const DEFAULT_WARM_UP_STAMPS = 100;
const MAX_WARM_UP_STAMPS = 500;
const DEFAULT_IDLE_MS = 1000;

/** STAMP_WARM_UP: sample stamps per stamping worker (0 = none); the default when unset or invalid. */
export function warmUpStampsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.STAMP_WARM_UP;
  if (value === undefined || !/^\d+$/.test(value.trim())) return DEFAULT_WARM_UP_STAMPS;
  return Math.min(MAX_WARM_UP_STAMPS, Number(value.trim()));
}

export interface WarmUpOptions {
  /** Sample stamps to make (0: none). */
  stamps: number;
  /** Quiet time before a sample starts, since start or since the last task. */
  idleMs?: number;
  render(input: AgreementDocumentInput): Promise<Uint8Array>;
  finalize(input: FinalizeAgreementInput): Promise<unknown>;
}

export interface WarmUp {
  /** Wraps a task: it waits for the sample in progress; `stamp` tasks end the warm-up. */
  task<I, O>(run: (input: I) => Promise<O> | O, options?: { stamp?: boolean }): (input: I) => Promise<O>;
  /** Resolves with the number of samples stamped once the warm-up is over (finished or ended). */
  readonly finished: Promise<number>;
}

export function startWarmUp(options: WarmUpOptions): WarmUp {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let running = 0;
  let lastTaskAt = Date.now();
  let ended = options.stamps <= 0;
  let sample: Promise<unknown> = Promise.resolve();
  /** Ends the loop's wait for quiet at once (when a stamp ends the warm-up). */
  let wake: (() => void) | undefined;
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = async (): Promise<number> => {
    let original: Uint8Array | undefined;
    let stamped = 0;
    while (!ended && stamped < options.stamps) {
      const quietFor = Date.now() - lastTaskAt;
      if (running > 0 || quietFor < idleMs) {
        await wait(Math.max(50, idleMs - quietFor));
        continue;
      }
      const made = original ? options.finalize(warmUpInput(original, stamped)) : options.render(WARM_UP_DOCUMENT);
      sample = made.then(
        () => undefined,
        () => undefined,
      );
      try {
        const value = await made;
        if (original) stamped += 1;
        else original = value as Uint8Array;
      } catch {
        // A sample that fails says nothing about real work (which reports its own errors): stop.
        break;
      }
    }
    ended = true;
    return stamped;
  };

  return {
    task: (run, taskOptions = {}) =>
      async (input) => {
        if (taskOptions.stamp && !ended) {
          ended = true;
          wake?.();
        }
        running += 1;
        try {
          await sample;
          return await run(input);
        } finally {
          running -= 1;
          lastTaskAt = Date.now();
        }
      },
    finished: loop(),
  };
}
