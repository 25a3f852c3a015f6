import type * as tfjs from "@tensorflow/tfjs";
import { gateCount } from "@vanish/rnn";
import type { Problem } from "./problem";
import { batchMajor, oneHot, timeMajor, toTfjsWeights } from "./tfjsLayout";

/** The `@tensorflow/tfjs` namespace, passed in so that the caller chooses when (and whether) to load it. */
export type Tfjs = typeof tfjs;

/**
 * How tfjs runs the step: `layers` = a Keras model (`simpleRNN`/`lstm` + `dense`) and `trainOnBatch`, as its
 * guide shows; `manual` = the same arithmetic written with ops in a loop over time, inside `optimizer.minimize`.
 */
export type TfjsForm = "layers" | "manual";

/** One training step at a time; each returns the loss computed before that step's update. */
export interface Trainer {
  step(): number | Promise<number>;
  /**
   * Whether the update is PyTorch's, so that the loss after one step also matches Vanish's. A Keras layer holds
   * one bias (b_ih + b_hh) where PyTorch holds two: the first loss agrees, but SGD then moves the summed bias
   * at half PyTorch's rate. The manual form keeps both biases.
   */
  pytorchUpdate: boolean;
  /**
   * The recurrent layer's current weights in tfjs's layout: `[kernel, recurrent_kernel, bias]` for the layers
   * form (one summed bias), `[kernel, recurrent_kernel, b_ih, b_hh]` for the manual form.
   */
  weights(): Float32Array[];
  dispose(): void;
}

/**
 * A tfjs trainer that does exactly the work of Vanish's `lossAndGrad` + SGD on `problem`: the same weights (mapped
 * by {@link toTfjsWeights}), inputs and targets, softmax cross-entropy from the last state, SGD at the same rate.
 * LSTM layers use `recurrentActivation: "sigmoid"` (tfjs's default is hardSigmoid, PyTorch's is sigmoid). A
 * PyTorch GRU is reset-after; tfjs's `gru` layer throws on `resetAfter: true`, so a GRU has only the manual form.
 */
export function createTfjsTrainer(tf: Tfjs, problem: Problem, form: TfjsForm): Trainer {
  return form === "layers" ? layersTrainer(tf, problem) : manualTrainer(tf, problem);
}

function layersTrainer(tf: Tfjs, problem: Problem): Trainer {
  const w = toTfjsWeights(problem.model);
  const { cell, inputSize: I, hiddenSize: H, outputSize: O } = w;
  const x = problem.batch.x;
  const T = x.length;
  const B = x[0].length;
  const G = gateCount(cell);
  let recurrent: tfjs.layers.Layer;
  if (cell === "rnn_tanh" || cell === "rnn_relu") {
    recurrent = tf.layers.simpleRNN({ units: H, activation: cell === "rnn_tanh" ? "tanh" : "relu", inputShape: [T, I] });
  } else if (cell === "lstm") {
    recurrent = tf.layers.lstm({ units: H, activation: "tanh", recurrentActivation: "sigmoid", inputShape: [T, I] });
  } else {
    throw new RangeError(`createTfjsTrainer: tfjs's gru layer cannot hold a PyTorch (reset-after) GRU (resetAfter: true throws); use the "manual" form`);
  }
  const model = tf.sequential({ layers: [recurrent, tf.layers.dense({ units: O })] });
  model.compile({ optimizer: tf.train.sgd(problem.learningRate), loss: (yTrue: tfjs.Tensor, yPred: tfjs.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred) });
  const weights = [tf.tensor2d(w.kernel, [I, G * H]), tf.tensor2d(w.recurrentKernel, [H, G * H]), tf.tensor1d(w.bias)];
  const head = [tf.tensor2d(w.headKernel, [H, O]), tf.tensor1d(w.headBias)];
  model.layers[0].setWeights(weights);
  model.layers[1].setWeights(head);
  tf.dispose([...weights, ...head]);
  const xs = tf.tensor3d(batchMajor(x), [B, T, I]);
  const ys = tf.tensor2d(oneHot(problem.batch.y as number[], O), [B, O]);
  return {
    step: async () => (await model.trainOnBatch(xs, ys)) as number,
    pytorchUpdate: false,
    weights: () => model.layers[0].getWeights().map((t) => t.dataSync() as Float32Array),
    dispose: () => {
      tf.dispose([xs, ys]);
      model.dispose();
    },
  };
}

function manualTrainer(tf: Tfjs, problem: Problem): Trainer {
  const w = toTfjsWeights(problem.model);
  const { cell, inputSize: I, hiddenSize: H, outputSize: O } = w;
  const x = problem.batch.x;
  const T = x.length;
  const B = x[0].length;
  const GH = gateCount(cell) * H;
  const xs = tf.tensor2d(timeMajor(x), [T * B, I]);
  const ys = tf.tensor2d(oneHot(problem.batch.y as number[], O), [B, O]);
  const gru = cell === "gru";
  const Wx = tf.variable(tf.tensor2d(w.kernel, [I, GH]));
  const Wh = tf.variable(tf.tensor2d(w.recurrentKernel, [H, GH]));
  // Both biases, as PyTorch holds them, so that SGD moves them as PyTorch (and Vanish) does.
  const bih = tf.variable(tf.tensor1d(w.biasIh));
  const bhh = tf.variable(tf.tensor1d(w.biasHh));
  const Wd = tf.variable(tf.tensor2d(w.headKernel, [H, O]));
  const bd = tf.variable(tf.tensor1d(w.headBias));
  const vars = [Wx, Wh, bih, bhh, Wd, bd];
  const optimizer = tf.train.sgd(problem.learningRate);

  const loss = (): tfjs.Scalar => {
    // The input projection of every step in one product, then the recurrence step by step. A reset-after GRU
    // adds b_hn inside r ⊙ (·), so b_hh goes into its recurrent term; the other cells add both biases here.
    const bx = gru ? bih : tf.add(bih, bhh);
    const xp = tf.unstack(tf.reshape(tf.add(tf.matMul(xs, Wx), bx), [T, B, GH]));
    let h: tfjs.Tensor = tf.zeros([B, H]);
    let c: tfjs.Tensor = tf.zeros([B, H]);
    for (let t = 0; t < T; t++) {
      const xt = xp[t];
      if (cell === "rnn_tanh") h = tf.tanh(tf.add(xt, tf.matMul(h, Wh)));
      else if (cell === "rnn_relu") h = tf.relu(tf.add(xt, tf.matMul(h, Wh)));
      else if (cell === "lstm") {
        // Gate blocks i, f, g, o (PyTorch's order).
        const [zi, zf, zg, zo] = tf.split(tf.add(xt, tf.matMul(h, Wh)), 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
        h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
      } else {
        // Reset-after GRU, blocks r, z, n: n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ + b_hn)), h' = n + z ⊙ (h − n).
        const [xr, xz, xn] = tf.split(xt, 3, 1);
        const [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, Wh), bhh), 3, 1);
        const r = tf.sigmoid(tf.add(xr, hr));
        const z = tf.sigmoid(tf.add(xz, hz));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        h = tf.add(n, tf.mul(z, tf.sub(h, n)));
      }
    }
    return tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(h, Wd), bd)) as tfjs.Scalar;
  };

  return {
    step: () => {
      const cost = optimizer.minimize(loss, true, vars)!;
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
    pytorchUpdate: true,
    weights: () => [Wx, Wh, bih, bhh].map((t) => t.dataSync() as Float32Array),
    dispose: () => {
      tf.dispose([xs, ys, ...vars]);
      optimizer.dispose();
    },
  };
}
