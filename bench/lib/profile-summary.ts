import { readFileSync } from 'node:fs';

/**
 * A V8 CPU profile (`node --cpu-prof`) summed up by where the time went: each sample's self time
 * goes to the package it ran in (`node_modules/<name>`), the bot's own file (`dist/…`), Node's
 * internals, or V8's own buckets (idle, garbage collection, program). What `bench:intake` prints
 * after its rounds, and `npx tsx bench/lib/profile-summary.ts FILE.cpuprofile` prints for any profile.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  where: string;
  /** Share of the profiled time, in percent. */
  percent: number;
}

/** Where a function ran, as one bucket. */
function bucketOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const own = /\/(dist|src|bench)\/(.+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  if (url.startsWith('node:')) return `node: ${url.slice(5).replace(/^internal\//, '').split('/')[0]}`;
  return url;
}

/** A stretch of the profile, in microseconds of the monotonic clock (`process.hrtime`), which V8's timestamps use on Linux. */
export interface Window {
  fromUs: number;
  toUs: number;
}

/** The monotonic clock in microseconds, as a profile's timestamps read it. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * The profile's self time per bucket, largest first (the rest summed as "other"), over the whole
 * profile or over one window of it (a round of the bench, not the minutes the process waited).
 */
export function summariseProfile(file: string, window?: Window, top = 12): { seconds: number; shares: ProfileShare[] } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const bucketOfNode = new Map(profile.nodes.map((n) => [n.id, bucketOf(n.callFrame)]));
  const time = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    const bucket = bucketOfNode.get(id) ?? '(unknown)';
    time.set(bucket, (time.get(bucket) ?? 0) + dt);
    total += dt;
  });
  const sorted = [...time].sort((a, b) => b[1] - a[1]);
  const shares = sorted.slice(0, top).map(([where, us]) => ({ where, percent: Math.round((us / Math.max(1, total)) * 1000) / 10 }));
  const rest = sorted.slice(top).reduce((sum, [, us]) => sum + us, 0);
  if (rest > 0) shares.push({ where: 'other', percent: Math.round((rest / total) * 1000) / 10 });
  return { seconds: Math.round(total / 1e5) / 10, shares };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const { seconds, shares } = summariseProfile(file);
    console.log(`${file} (${seconds} s)`);
    for (const s of shares) console.log(`  ${String(s.percent).padStart(5)}%  ${s.where}`);
  }
}
