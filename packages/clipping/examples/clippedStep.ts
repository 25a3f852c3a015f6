import { tensor } from "@vanish/core";
import { parseClipSpec } from "@vanish/clipping";

// Global-norm clipping at 1 (Pascanu et al. 2013, PyTorch's clip_grad_norm_ semantics), as a strategy with stats.
const clip = parseClipSpec("norm:1");
const steps = {
  calm: [tensor([[0.1, -0.2], [0.05, 0.3]]), tensor([0.1, 0])], // W [2,2] and b [2] gradients
  spike: [tensor([[30, -40], [5, 12]]), tensor([0, 1])],
};
for (const [name, grads] of Object.entries(steps)) {
  const { normBefore, normAfter, threshold, clipped, clippedFraction, nonFinite, skip } = clip.apply(grads);
  console.log(name, JSON.stringify({ normBefore, normAfter, threshold, clipped, clippedFraction, nonFinite, skip }));
}
console.log("spike W after:", JSON.stringify(steps.spike[0].toArray()));
