// The worker side of a pool: a task module calls serveTasks(setup) once. `setup` runs first with
// the pool's setup data (e.g. parse fonts, load the seal key) and returns the named tasks; the
// worker then tells the pool it is ready and answers one request at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { applyThreadPriority } from './thread-priority';
import { transferablesOf, type SetupMessage, type TaskRequest, type WorkerMessage, type WorkerStartData } from './worker-protocol';

export type TaskHandler = (input: never) => unknown;
export type TaskTable = Record<string, TaskHandler>;

export interface ServeOptions {
  /**
   * Tasks this worker can run while its setup data is still on its way (the pool was given a
   * promise, e.g. the seal being made): it says so with a `ready` marked `beforeSetup`, and the
   * pool sends it only these (WorkerPoolOptions.tasksBeforeSetup) until its setup has run.
   */
  beforeSetup?: TaskTable;
}

export function serveTasks<S>(setup: (data: S) => Promise<TaskTable> | TaskTable, options: ServeOptions = {}): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks: not running in a worker thread');
  const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const start = workerData as WorkerStartData;
  // Before the setup (fonts, warm-up), so everything this worker does runs at its priority; a
  // refusal travels with the first 'ready' and the pool logs it once.
  let priorityRefused = start.threadPriority ? applyThreadPriority(start.threadPriority) : undefined;
  const ready = (message: Extract<WorkerMessage, { type: 'ready' }>): WorkerMessage => {
    const withNote = priorityRefused ? { ...message, priorityRefused } : message;
    priorityRefused = undefined;
    return withNote;
  };
  let tasks: TaskTable | undefined;
  const early = start.setupFollows ? options.beforeSetup : undefined;

  const runTask = async ({ id, task, input }: TaskRequest) => {
    try {
      const table = tasks ?? early;
      if (!table || !Object.hasOwn(table, task)) throw new Error(`unknown task ${task}${tasks ? '' : ' before setup'}`);
      const value = await (table[task] as (input: unknown) => unknown)(input);
      post({ type: 'result', id, ok: true, value }, transferablesOf(value));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ type: 'result', id, ok: false, error: { name: e.name, message: e.message } });
    }
  };
  // A failing setup throws out of the worker: the pool sees it exit before `ready`.
  const runSetup = async (data: unknown) => {
    tasks = await setup(data as S);
    post(ready({ type: 'ready' }));
  };

  if (!start.setupFollows) {
    port.on('message', (message: TaskRequest) => void runTask(message));
    void runSetup(start.setup);
    return;
  }
  // The setup data comes as the pool's first message of type 'setup'; anything before it is a task.
  port.on('message', (message: TaskRequest | SetupMessage) => {
    if ('type' in message && message.type === 'setup') void runSetup(message.setup);
    else void runTask(message as TaskRequest);
  });
  if (early) post(ready({ type: 'ready', beforeSetup: true }));
}
