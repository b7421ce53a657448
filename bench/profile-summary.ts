// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof <dir>`): where the app
// process spends its time, by package (self time, and time with the package anywhere on
// the stack) and by function (self time).
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top]\n');
  process.exit(2);
}
const top = Number(topArg);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

/** Where a frame's code lives: a package, one of hubwork's folders, node itself, or V8. */
function area(node: Node): string {
  const { url, functionName } = node.callFrame;
  if (!url) {
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') return functionName;
    return '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:internal';
  const own = /\/(src\/(?:web|db|lib|features\/[^/]+)|bench|scripts)\//.exec(url);
  if (own?.[1]) return own[1];
  return url;
}

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const fnSelf = new Map<string, number>();
let total = 0;
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  const node = byId.get(id);
  if (!node) return;
  total += dt;
  const leaf = area(node);
  self.set(leaf, (self.get(leaf) ?? 0) + dt);
  if (leaf !== '(idle)') busy += dt;
  const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at);
    if (n) seen.add(area(n));
  }
  for (const a of seen) inclusive.set(a, (inclusive.get(a) ?? 0) + dt);
});

const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const pct = (us: number, of: number) => `${((100 * us) / of).toFixed(1).padStart(5)}%`;
const print = (title: string, rows: Map<string, number>, of: number) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, us] of [...rows.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${ms(us)} ${pct(us, of)}  ${name}\n`);
  }
};

process.stdout.write(`profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle\n`);
print('Self time by area (% of non-idle):', new Map([...self].filter(([k]) => k !== '(idle)')), busy);
print('Time with the area anywhere on the stack (% of non-idle):', new Map([...inclusive].filter(([k]) => k !== '(idle)' && k !== '(root)')), busy);
print('Self time by function (% of non-idle):', fnSelf, busy);
