// Prints how long the room screen takes to turn a drawn signature into the PNG it sends,
// for a typical signature and for a pad scribbled full (the worst case a tablet might meet).
import { encodeSignaturePng } from '../client/room/signature-png';
import type { Stroke } from '../client/room/signature-strokes';

const typical: Stroke[] = [
  Array.from({ length: 220 }, (_, i) => ({ x: 60 + i * 2.2, y: 120 + Math.sin(i / 7) * 55 })),
  Array.from({ length: 60 }, (_, i) => ({ x: 120 + i * 5, y: 170 - i * 0.4 })),
];
const scribble: Stroke[] = Array.from({ length: 40 }, (_, k) =>
  Array.from({ length: 80 }, (_, i) => ({ x: (i * 37 + k * 13) % 600, y: (i * 53 + k * 29) % 220 })),
);

async function measure(name: string, strokes: Stroke[], runs: number): Promise<void> {
  await encodeSignaturePng(strokes); // warm-up
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = (await encodeSignaturePng(strokes)).png.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name}: median ${times[Math.floor(runs / 2)].toFixed(1)} ms, max ${times[runs - 1].toFixed(1)} ms, ${bytes} bytes PNG`);
}

async function main(): Promise<void> {
  await measure('typical signature', typical, 15);
  await measure('pad scribbled full', scribble, 3);
}

void main();
