import { Random, SGD, crossEntropy, gradcheck, matmul, tanh, tensor, uniformInit } from "@vanish/core";

const rng = new Random(42);
// A tanh layer [in 3 → hidden 4] and a 2-class head, in float64.
const W = uniformInit([3, 4], rng, { bound: 0.5, dtype: "float64", requiresGrad: true }); // [in, hidden]
const V = uniformInit([4, 2], rng, { bound: 0.5, dtype: "float64", requiresGrad: true }); // [hidden, classes]
const x = tensor([[1, 0, -1], [0.5, 2, 0]], { dtype: "float64" }); // [batch 2, in 3]
const labels = [0, 1];
const loss = (w = W, v = V) => crossEntropy(matmul(tanh(matmul(x, w)), v), labels);

// Reverse mode, checked against central differences.
console.log("gradcheck ok:", gradcheck(loss, [W, V]).ok);

// Ten steps of SGD.
const opt = new SGD([W, V], { lr: 0.5 });
for (let step = 0; step <= 10; step++) {
  opt.zeroGrad();
  const l = loss();
  l.backward();
  if (step % 5 === 0) console.log(`step ${step}: loss ${l.item().toFixed(4)}`);
  opt.step();
}
