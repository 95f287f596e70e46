import { findResourcesDir } from '../core/config';
import { benchCounter } from '../bench/counter';
import { benchDispatch } from '../bench/dispatch';
import { benchPortal } from '../bench/portal';

/** `npm run bench [-- <name>]`: prints figures; no benchmark asserts anything. */
const BENCHMARKS: Record<string, (resourcesDir: string) => Promise<void>> = {
  counter: benchCounter,
  dispatch: benchDispatch,
  portal: benchPortal,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
  for (const name of names) {
    const bench = BENCHMARKS[name];
    if (!bench) {
      console.error(`Unbekannter Benchmark „${name}“. Vorhanden: ${Object.keys(BENCHMARKS).join(', ')}`);
      process.exit(2);
    }
    console.log(`== ${name} ==`);
    await bench(findResourcesDir(__dirname));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
