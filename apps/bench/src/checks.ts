import type { Measurement } from "./measurement";

/** Losses agree when |Δ| ≤ this·max(1, |reference|): float32 against float64 over a T200 BPTT step. */
export const LOSS_TOLERANCE = 1e-4;
/** Products agree when their Σ C² differ by at most this, relatively (float32 accumulation at n = 512). */
export const CHECKSUM_TOLERANCE = 1e-3;

/** One implementation's agreement with the reference on one case. */
export interface Agreement {
  id: string;
  /** |Δ| of the first loss or of the checksum (relative for checksums). */
  first: number;
  /** |Δ| of the second loss; null when the update is not PyTorch's (a Keras layer's summed bias) or for products. */
  second: number | null;
  ok: boolean;
}

/** The check of one case: the reference implementation, its values, and how every other one compares. */
export interface Check {
  workload: string;
  group: string;
  case: string;
  kind: "loss" | "checksum";
  /** The reference: Vanish float64 on the js kernels where it ran, else the first Vanish row. */
  reference: string;
  values: number[];
  agreements: Agreement[];
  ok: boolean;
}

function groups(measurements: readonly Measurement[], has: (m: Measurement) => boolean): Measurement[][] {
  const byKey = new Map<string, Measurement[]>();
  for (const m of measurements) {
    if (!has(m)) continue;
    const key = `${m.workload}\u0000${m.group}\u0000${m.case}`;
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  return [...byKey.values()];
}

function referenceOf(rows: Measurement[]): Measurement {
  const vanish = rows.filter((m) => m.impl?.library === "vanish");
  const f64 = (b: string) => vanish.find((m) => m.impl?.library === "vanish" && m.impl.dtype === "float64" && m.impl.backend === b);
  return f64("js") ?? f64("wasm") ?? vanish[0] ?? rows[0];
}

/**
 * The proof of same work for training: within each case, every implementation that starts from the shared
 * weights (all but brain.js) must report the reference's first loss, and those whose update is PyTorch's the
 * reference's second loss too (so the gradients agree as well).
 */
export function checkLosses(measurements: readonly Measurement[], tolerance = LOSS_TOLERANCE): Check[] {
  return groups(measurements, (m) => m.losses !== undefined && m.impl?.library !== "brain.js").map((rows) => {
    const ref = referenceOf(rows);
    const [r0, r1] = ref.losses!;
    const close = (a: number, b: number) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));
    const agreements = rows
      .filter((m) => m !== ref)
      .map((m) => {
        const [l0, l1] = m.losses!;
        const second = m.pytorchUpdate ? Math.abs(l1 - r1) : null;
        return { id: m.id, first: Math.abs(l0 - r0), second, ok: close(l0, r0) && (second === null || close(l1, r1)) };
      });
    return { workload: ref.workload, group: ref.group, case: ref.case, kind: "loss", reference: ref.id, values: [r0, r1], agreements, ok: agreements.every((a) => a.ok) };
  });
}

/** The same for products: every implementation's Σ C² must match the reference's. */
export function checkChecksums(measurements: readonly Measurement[], tolerance = CHECKSUM_TOLERANCE): Check[] {
  // float32 and float64 products of the same operands are compared together, so group across dtypes.
  const all = measurements.filter((m) => m.checksum !== undefined).map((m) => ({ ...m, group: "" }));
  return groups(all, () => true).map((rows) => {
    const ref = referenceOf(rows);
    const r = ref.checksum!;
    const agreements = rows
      .filter((m) => m.id !== ref.id)
      .map((m) => {
        const first = Math.abs(m.checksum! - r) / Math.abs(r);
        return { id: m.id, first, second: null, ok: first <= tolerance };
      });
    return { workload: ref.workload, group: "", case: ref.case, kind: "checksum", reference: ref.id, values: [r], agreements, ok: agreements.every((a) => a.ok) };
  });
}

/** A message listing every failed agreement, or null when all agree. */
export function describeFailures(checks: readonly Check[]): string | null {
  const lines: string[] = [];
  for (const c of checks) {
    for (const a of c.agreements) {
      if (a.ok) continue;
      const what = c.kind === "loss" ? `losses [${c.values.join(", ")}] of ${c.reference}` : `Σ C² ${c.values[0]} of ${c.reference}`;
      const by = c.kind === "loss" ? `first loss off by ${a.first}${a.second === null ? "" : `, second by ${a.second}`}` : `relative difference ${a.first}`;
      lines.push(`${c.workload} ${c.group} ${c.case}: ${a.id} does not match the ${what} (${by})`);
    }
  }
  return lines.length === 0 ? null : `the implementations did not do the same work:\n${lines.join("\n")}`;
}
