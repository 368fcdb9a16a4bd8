import { readFileSync } from 'node:fs';
import path from 'node:path';

// `npx tsx scripts/cpu-profile-top.ts FILE.cpuprofile [N]`: where a V8 CPU profile spent its time,
// by function and by package or directory (self time, the idle and GC entries included), for a
// quick look without Chrome DevTools. Used with `npm run bench -- --cpu-prof DIR`.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const USAGE = 'usage: npx tsx scripts/cpu-profile-top.ts FILE.cpuprofile [N]';

function main(): void {
  const [file, countText] = process.argv.slice(2);
  if (!file) {
    console.error(USAGE);
    process.exit(2);
  }
  const count = countText === undefined ? 25 : Number(countText);
  if (!Number.isInteger(count) || count <= 0) {
    console.error(`N must be a positive integer\n${USAGE}`);
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    total += micros;
    const where = placeOf(frame.url);
    add(byFunction, `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`, micros);
    add(byPlace, where, micros);
  });
  print('by function (self time)', byFunction, total, count);
  print('by package or directory', byPlace, total, count);
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

// node_modules/<package> for dependencies, the project directory for vodflow's own code.
function placeOf(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? url);
  }
  if (url.startsWith('node:')) return url;
  const relative = path.relative(process.cwd(), url.replace(/^file:\/\//, ''));
  return relative.startsWith('..') ? url : path.dirname(relative) || '.';
}

function print(title: string, map: Map<string, number>, total: number, count: number): void {
  console.log(`\n${title}: ${(total / 1e6).toFixed(1)} s sampled`);
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  for (const [key, micros] of rows) {
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
  }
}

main();
