// The real `npm start` server in a child process, on a fresh DATA_DIR with the demo ceremony, for
// benches that must measure it from outside (its own CPU and memory, not the bench's).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../server/main.ts', import.meta.url));

/** Resolves once the server listens with the demo seeded (it prints "running at" only then). */
export async function spawnDemoServer(dataDir: string, token: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ORGANIZER_TOKEN: token, SEED_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}\n${out}`)));
  });
  return { child, url };
}
