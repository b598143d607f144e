// Runs the real server (`server/main.ts`) as a child process so a test can kill it outright.
// With `bundled`, the prebuilt server `npm start` runs (dist/server/main.mjs, built here first).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const BUNDLED_MAIN = fileURLToPath(new URL('../../dist/server/main.mjs', import.meta.url));
const BUILD_SERVER = fileURLToPath(new URL('../../scripts/build-server.mjs', import.meta.url));

/** Builds dist/server as `npm start` does (esbuild, about a second). */
export function buildServerBundle(): void {
  execFileSync(process.execPath, [BUILD_SERVER], { stdio: 'inherit' });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function spawnServer(env: Record<string, string>, args: string[] = [], options: { bundled?: boolean } = {}): Promise<ServerProcess> {
  // `node --import tsx` runs the server in this very process, so SIGKILL really kills it
  // (the tsx CLI would run it in a grandchild that survives the kill).
  const child = spawn(process.execPath, [...(options.bundled ? [BUNDLED_MAIN] : ['--import', 'tsx', MAIN]), ...args], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          output: () => output,
          kill(signal = 'SIGKILL') {
            return new Promise((done) => {
              // Already gone (exited, or ended by a signal): the 'exit' event will not come again.
              if (child.exitCode !== null || child.signalCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill(signal);
            });
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
