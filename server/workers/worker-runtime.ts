// The worker side of a pool: a task module calls serveTasks(setup) once. `setup` runs first with
// the pool's setup data (e.g. parse fonts, load the seal key) and returns the named tasks; the
// worker then tells the pool it is ready and answers one request at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { transferablesOf, type SetupMessage, type TaskRequest, type WorkerMessage, type WorkerStartData } from './worker-protocol';

export type TaskHandler = (input: never) => unknown;
export type TaskTable = Record<string, TaskHandler>;

export function serveTasks<S>(setup: (data: S) => Promise<TaskTable> | TaskTable): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks: not running in a worker thread');
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

  void (async () => {
    // A failing setup throws out of the worker: the pool sees it exit before `ready`.
    const start = workerData as WorkerStartData;
    const data = start.setupFollows
      ? await new Promise<unknown>((resolve) => port.once('message', (message: SetupMessage) => resolve(message.setup)))
      : start.setup;
    const tasks = await setup(data as S);
    port.on('message', async ({ id, task, input }: TaskRequest) => {
      try {
        if (!Object.hasOwn(tasks, task)) throw new Error(`unknown task ${task}`);
        const value = await (tasks[task] as (input: unknown) => unknown)(input);
        post({ type: 'result', id, ok: true, value }, transferablesOf(value));
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        post({ type: 'result', id, ok: false, error: { name: e.name, message: e.message } });
      }
    });
    post({ type: 'ready' });
  })();
}
