// The README's first example: ‖dL/dh_t‖ at every step for a vanilla tanh RNN and an LSTM on the same batch.
import { Random, randn } from "@vanish/core";
import { createModel, lossAndGrad, type RecurrentModel } from "@vanish/rnn";

const T = 50;
const x = randn([T, 4, 1], new Random(1), { dtype: "float64" }); // [time, batch, features]
const batch = { x, targets: [0, 1, 1, 0] }; // one class per sequence, read at the last step

const config = { inputSize: 1, hiddenSize: 8, outputSize: 2, dtype: "float64" } as const;
// W_hh ~ N(0, 0.5²/H): spectral radius ≈ 0.5, the setting measured in PyTorch below.
const rnn = createModel({ ...config, cell: "rnn_tanh" }, new Random(0), { recurrent: { kind: "scaledNormal", scale: 0.5 } });
const lstm = createModel({ ...config, cell: "lstm" }, new Random(0));
const lstmForget = createModel({ ...config, cell: "lstm" }, new Random(0), { forgetBias: 1 });

// The TOTAL derivative dL/dh_t (direct + through h_{t+1}), Frobenius norm over the batch, per step.
const norms = (model: RecurrentModel) => lossAndGrad(model, batch, { record: { hiddenGradNorms: true } }).layers[0].hiddenGradNorms!.perStep;
const [a, b, c] = [norms(rnn), norms(lstm), norms(lstmForget)];
console.log("step   tanh RNN      LSTM  LSTM, forget bias 1");
for (let t = 0; t < T; t += 7) {
  console.log(`${String(t + 1).padStart(4)}  ${a[t].toExponential(2).padStart(9)}  ${b[t].toExponential(2).padStart(8)}  ${c[t].toExponential(2).padStart(19)}`);
}
