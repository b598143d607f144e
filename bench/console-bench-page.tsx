// Browser entry of the console benchmark, bundled by bench/console-render-chromium.ts: exposes
// `runConsoleBench(view)` to the page, with style + layout inside every timed update, a frame
// between updates and a long-task observer over the whole run.
import type { CeremonyView } from '../shared/protocol/views';
import { runConsoleBench, type UpdateFigures } from './console-bench-harness';

declare global {
  interface Window {
    runConsoleBench(view: CeremonyView): Promise<UpdateFigures & { longTasks: number[] }>;
  }
}

window.runConsoleBench = async (view) => {
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: true });
  const figures = await runConsoleBench(view, document.getElementById('root')!, {
    // Reading a layout property makes the browser compute style and layout for the change now.
    settle: () => void document.body.offsetHeight,
    between: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  });
  observer.disconnect();
  return { ...figures, longTasks };
};
