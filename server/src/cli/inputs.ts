// The order files are read in. Stories run across rotated logs (a message deferred in
// mail.log.1 may be delivered in mail.log), so the siblings of one rotation are read oldest
// first, whatever order the shell's glob gave: `mail.log*` → mail.log.3.gz, mail.log.2.gz,
// mail.log.1, mail.log. Other files keep their order.

/** `mail.log.2.gz` → { base: 'mail.log', n: 2 }; `mail.log` → { base: 'mail.log', n: 0 }; dated `mail.log-20261124` → its date. */
function rotation(path: string): { base: string; age: number } {
  const m = /^(.*?)(?:\.(\d{1,4})|-(\d{8}))?(?:\.gz)?$/.exec(path);
  if (!m) return { base: path, age: 0 };
  if (m[2] !== undefined) return { base: m[1], age: Number(m[2]) };
  // A dated name is older the smaller its date: age counts down from the largest date.
  if (m[3] !== undefined) return { base: m[1], age: 1e8 - Number(m[3]) };
  return { base: m[1], age: 0 };
}

export function readingOrder(paths: readonly string[]): string[] {
  const groups = new Map<string, { path: string; age: number; at: number }[]>();
  paths.forEach((path, at) => {
    if (path === '-') return;
    const r = rotation(path);
    const list = groups.get(r.base) ?? [];
    list.push({ path, age: r.age, at });
    groups.set(r.base, list);
  });
  const out: string[] = [];
  const placed = new Set<string>();
  paths.forEach((path) => {
    if (path === '-') {
      out.push(path);
      return;
    }
    const base = rotation(path).base;
    if (placed.has(base)) return;
    placed.add(base);
    const list = groups.get(base)!;
    list.sort((a, b) => b.age - a.age || a.at - b.at);
    for (const x of list) out.push(x.path);
  });
  return out;
}
