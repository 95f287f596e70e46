import { findResourcesDir } from '../core/config';
import { benchCounter } from '../bench/counter';
import { benchDispatch } from '../bench/dispatch';
import { benchPortal } from '../bench/portal';
import { benchQueue } from '../bench/queue';

/** `npm run bench [-- <name>]`: prints figures; no benchmark asserts anything. */
const BENCHMARKS: Record<string, (resourcesDir: string) => Promise<void>> = {
  counter: benchCounter,
  dispatch: benchDispatch,
  portal: benchPortal,
  queue: benchQueue,
};

async function main(): Promise<void> {
  // Options are "--name=value", or "--keep <dir>" (the queue benchmark's only option with a separate value).
  const args = process.argv.slice(2);
  const wanted = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--keep');
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
