/**
 * Summarises a V8 .cpuprofile (from `npm run bench -- --profile <dir>`): self time by function and by
 * package, as shares of the busy (not idle) time, the top entries first.
 *
 *   tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const top = Number(topArg ?? 40);
const selfById = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const self = selfById.get(node.id) ?? 0;
  if (node.callFrame.functionName === '(idle)') continue;
  total += self;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/');
  const fn = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + self);
  const pkg =
    /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
    (url.includes('/dist/')
      ? `ours: ${url.split('/dist/')[1]?.split('/').slice(0, -1).join('/') || '.'}`
      : url.startsWith('node:')
        ? 'node'
        : functionName || '(vm)');
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + self);
}
const show = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`busy: ${(total / 1000).toFixed(0)} ms`);
show('by package', byPackage);
show('by function (self time)', byFunction);
