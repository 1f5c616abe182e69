/**
 * The roofline of this machine on the wasm backend, side by side in one run:
 * the compute peak (an n×n by n×n matMul, n³ MACs), the memory bandwidth (an
 * elementwise add of two 2²²-element vectors: 12 bytes per element), the
 * ridge where the two roofs meet, and the three conv kinds of MobileNet v1's
 * 56×56×128 stage (Howard et al. 2017, Table 1) at their arithmetic
 * intensity, each against the roof above it (src/lessons/mobilenet/roofline.ts).
 *
 * Three rounds, so the spread between runs on a shared machine shows.
 *
 * Run: npm run bench -- roofline
 */
import { useBackend } from '../src/backend';
import { measureRoofline } from '../src/lessons/mobilenet/roofline';

const pad = (text: string | number, size: number) => String(text).padStart(size);

export async function run(): Promise<void> {
  await useBackend('wasm');
  console.log('roofline, wasm backend, batch 1, 56x56x128 -> 128, K = 3; fastest of 7 interleaved runs, wall time');
  for (let round = 1; round <= 3; round++) {
    const roofline = await measureRoofline({ runs: 7 });
    console.log(
      `round ${round}: peak ${roofline.peakGmacsPerSecond.toFixed(2)} GMAC/s (matMul ${roofline.matmulMs.toFixed(1)} ms), ` +
        `bandwidth ${roofline.bandwidthGBPerSecond.toFixed(2)} GB/s (add ${roofline.addMs.toFixed(2)} ms), ridge ${roofline.ridgeMacsPerByte.toFixed(2)} MACs/byte`,
    );
    console.log(`  ${'layer'.padEnd(15)}${pad('MACs/byte', 10)}${pad('roof', 8)}${pad('GMAC/s', 8)}${pad('%roof', 7)}${pad('ms', 8)}  bound`);
    for (const layer of roofline.layers) {
      console.log(
        `  ${layer.label.padEnd(15)}${pad(layer.macsPerByte.toFixed(2), 10)}${pad(layer.roofGmacsPerSecond.toFixed(2), 8)}` +
          `${pad(layer.gmacsPerSecond.toFixed(2), 8)}${pad(((100 * layer.gmacsPerSecond) / layer.roofGmacsPerSecond).toFixed(0), 7)}` +
          `${pad(layer.fastestMs.toFixed(2), 8)}  ${layer.bound}`,
      );
    }
  }
}
