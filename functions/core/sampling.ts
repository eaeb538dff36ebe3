// Verification statistics (督导检查 with 随机抽查), pure and explainable:
// - a reproducible sample per county: the county's communities in scope, ordered by SHA-256 of
//   "<seed>:<registry version>:<community code>" (hex), the first n — anyone with the seed, the
//   registry version and the list can redraw it (`sha256sum` is enough);
// - Lot Quality Assurance Sampling: a decision rule d for n checks between an upper threshold (the
//   coverage a county should have) and a lower one (the coverage that must not pass), with the
//   producer's risk α = P(fewer than d confirmed | true rate = upper) and the consumer's risk
//   β = P(d or more confirmed | true rate = lower), both exact binomial;
// - a county's verified coverage with a Wilson 95 % interval, and an area's as a stratified
//   estimate (weights = communities per county) with a 95 % interval.
// SHA-256 from @noble/hashes (audited, no Node API): the core runs anywhere, a browser included.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** The sample of a county: its communities ordered by their draw key, the first `n` (all when fewer). */
export function drawSample(codes: readonly string[], n: number, seed: string, registryVersion: number): string[] {
  return codes
    .map((code) => ({ code, key: drawKey(seed, registryVersion, code) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.code.localeCompare(b.code)))
    .slice(0, n)
    .map((x) => x.code);
}

/** A community's draw key: SHA-256 (hex) of "<seed>:<registry version>:<code>". */
export const drawKey = (seed: string, registryVersion: number, code: string) =>
  bytesToHex(sha256(utf8ToBytes(`${seed}:${registryVersion}:${code}`)));

/** log C(n, k), exact enough for n in the thousands. */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= Math.min(k, n); i++) s += binomialPmf(i, n, p);
  return Math.min(1, s);
}

export interface DecisionRule {
  n: number;
  /** A county passes (达标) with at least d of its n checks confirmed. */
  d: number;
  upper: number;
  lower: number;
  /** Producer's risk: a county at the upper threshold fails. */
  alpha: number;
  /** Consumer's risk: a county at the lower threshold passes. */
  beta: number;
}

/**
 * The LQAS decision rule for n checks: the d that makes the larger of the two risks smallest (ties:
 * the smaller sum). `upper` > `lower`, both in (0, 1).
 */
export function decisionRule(n: number, upper: number, lower: number): DecisionRule {
  if (!(Number.isInteger(n) && n >= 1 && upper > lower && lower > 0 && upper < 1))
    throw new RangeError(`no decision rule for n=${n}, upper=${upper}, lower=${lower}`);
  let best: DecisionRule | null = null;
  for (let d = 0; d <= n; d++) {
    const alpha = d === 0 ? 0 : binomialCdf(d - 1, n, upper);
    const beta = d === 0 ? 1 : 1 - binomialCdf(d - 1, n, lower);
    const rule = { n, d, upper, lower, alpha, beta };
    if (
      !best ||
      Math.max(alpha, beta) < Math.max(best.alpha, best.beta) - 1e-12 ||
      (Math.abs(Math.max(alpha, beta) - Math.max(best.alpha, best.beta)) <= 1e-12 && alpha + beta < best.alpha + best.beta)
    )
      best = rule;
  }
  return best!;
}

export type CountyClass = 'pass' | 'fail' | 'incomplete';

/**
 * A county's class once its sample is checked: 达标 with d or more confirmed; 未达标 when even the
 * checks still open could not reach d; otherwise 样本未完成. An unreachable team counts as not
 * confirmed (the conservative reading).
 */
export function classify(rule: Pick<DecisionRule, 'n' | 'd'>, confirmed: number, checked: number): CountyClass {
  if (confirmed >= rule.d) return 'pass';
  if (confirmed + (rule.n - checked) < rule.d) return 'fail';
  return 'incomplete';
}

const Z95 = 1.959963984540054;

/** Wilson score interval (95 %) for x successes in n trials. */
export function wilson(x: number, n: number): { estimate: number; low: number; high: number } {
  if (n === 0) return { estimate: 0, low: 0, high: 1 };
  const p = x / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Stratum {
  /** Communities in the county (the weight). */
  size: number;
  /** Checks done, and how many confirmed a team meeting the standard. */
  checked: number;
  confirmed: number;
}

/**
 * An area's verified coverage from its counties' samples: the stratified estimate Σ W_h p_h with
 * W_h = N_h / N, and a 95 % interval from Σ W_h² (1 − n_h/N_h) s_h² / n_h with s_h² the unbiased
 * n_h/(n_h − 1) p_h (1 − p_h). Only counties with at least two checks count; their weight is
 * renormalised among themselves (the estimate is of those counties; `coveredShare` says how much of
 * the area they hold).
 */
export function stratifiedEstimate(strata: Stratum[]): {
  estimate: number;
  low: number;
  high: number;
  checks: number;
  counties: number;
  coveredShare: number;
} {
  const used = strata.filter((s) => s.checked >= 2 && s.size > 0);
  const total = strata.reduce((n, s) => n + s.size, 0);
  const N = used.reduce((n, s) => n + s.size, 0);
  const checks = used.reduce((n, s) => n + s.checked, 0);
  if (N === 0) return { estimate: 0, low: 0, high: 1, checks, counties: 0, coveredShare: 0 };
  let estimate = 0;
  let variance = 0;
  for (const s of used) {
    const w = s.size / N;
    const p = s.confirmed / s.checked;
    const fpc = Math.max(0, 1 - s.checked / s.size);
    estimate += w * p;
    variance += (w * w * fpc * ((s.checked / (s.checked - 1)) * p * (1 - p))) / s.checked;
  }
  const half = Z95 * Math.sqrt(variance);
  // Rounding never puts an end on the wrong side of the estimate (all confirmed: 100 %, 100–100 %).
  return {
    estimate,
    low: Math.min(estimate, Math.max(0, estimate - half)),
    high: Math.max(estimate, Math.min(1, estimate + half)),
    checks,
    counties: used.length,
    coveredShare: total ? N / total : 0,
  };
}
