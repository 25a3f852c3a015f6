import { parseClipSpec, ZClip } from "@vanish/clipping";

/** How the report names a clipping spec: "no clipping", "global norm ≤ 1 (norm:1)", "ZClip (zclip)", … */
export function strategyLabel(spec: string): string {
  if (spec === "none") return "no clipping";
  const [kind, first] = spec.split(":");
  switch (kind) {
    case "norm":
      return `global norm ≤ ${first} (${spec})`;
    case "value":
      return `value ±${first} (${spec})`;
    case "agc":
      return `AGC λ = ${first ?? "0.01"} (${spec})`;
    case "zclip":
      return `ZClip (${spec})`;
    case "autoclip":
      return `AutoClip (${spec})`;
    default:
      return spec;
  }
}

/** The warm-up of a ZClip spec (steps it observes without clipping), or null for any other strategy. */
export function zclipWarmup(spec: string): number | null {
  if (spec === "none") return null;
  const strategy = parseClipSpec(spec);
  return strategy instanceof ZClip ? strategy.warmupSteps : null;
}
