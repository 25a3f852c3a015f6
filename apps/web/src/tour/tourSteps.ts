// The guided walk-through: the lesson of docs/background.md#lesson as six presets. Each step sets the whole form (from the
// defaults), so a step never depends on what the visitor changed before. What the texts promise was measured with
// these exact configurations (README, "The walk-through").
import { DEFAULT_CONFIG, type LabConfig } from "../config/labConfig";

export interface TourStep {
  id: string;
  title: string;
  /** Paragraphs of plain text. */
  text: string[];
  /** What to look at while it trains. */
  watch: string;
  /** The settings this step changes from the defaults. */
  settings: Partial<LabConfig>;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: "long-dependencies",
    title: "1. Long dependencies",
    text: [
      "“The cats which already ate … were full.” The verb agrees with a subject many words back; whatever sits in between can be arbitrarily long.",
      "A recurrent network reads the sentence one word at a time and must carry the subject's number (singular or plural) in its hidden state until the verb.",
    ],
    watch: "Below the charts: the subject and the verb of each example, and the form the model predicts. An LSTM learns this short distance in a few hundred steps.",
    settings: { task: "agreement", preset: "easy", distance: 8, cell: "lstm" },
  },
  {
    id: "vanishing-rnn",
    title: "2. Vanishing: a plain RNN at distance 40",
    text: [
      "Now the subject sits 40 words before its verb, inside nested clauses whose own subjects and verbs compete with it (the “default” preset).",
      "The error at the verb has to travel back 40 steps to reach the subject, and a tanh RNN multiplies it by a Jacobian smaller than one at every step: it vanishes.",
    ],
    watch: "‖∂L/∂hₜ‖ falls on the log axis from right (the verb) to left (the subject), by orders of magnitude, and the heatmap's left columns stay dark. The loss stays near ln 2 ≈ 0.69: chance.",
    settings: { task: "agreement", preset: "default", distance: 40, cell: "rnn_tanh" },
  },
  {
    id: "vanishing-lstm",
    title: "3. …and an LSTM at the same distance",
    text: [
      "Same sentences, same seed, same optimiser — only the cell changes. The LSTM's cell state is updated additively through its forget gate, so the gradient can pass many steps without shrinking.",
    ],
    watch: "The two lines of the ‖∂L/∂hₜ‖ chart: at step 1 the LSTM's gradient vanishes too (its forget gates start half closed); as it trains it learns to keep them open, the line flattens, and the loss falls below chance.",
    settings: { task: "agreement", preset: "default", distance: 40, cell: "lstm" },
  },
  {
    id: "exploding",
    title: "4. Exploding: clipping off",
    text: [
      "The opposite failure. A ReLU RNN whose recurrent weights start as 1.2 × the identity (an IRNN) amplifies the gradient at every step back in time, and plain SGD takes a step proportional to it.",
      "One such step throws the weights so far that the next forward pass overflows: the loss becomes NaN within a few steps. The lab catches it and stops.",
    ],
    watch: "The warning that appears, and the gradient norm shooting up in the bottom panel of the training curves.",
    settings: {
      task: "agreement",
      preset: "easy",
      distance: 12,
      cell: "rnn_relu",
      recurrentInit: "identity",
      recurrentScale: 1.2,
      optimizer: "sgd",
      learningRate: 0.1,
      clip: "none",
      nonFinite: "stop",
    },
  },
  {
    id: "clipping",
    title: "5. Clipping on: it trains",
    text: [
      "The very same run — same seed, weights, data and learning rate — with the gradient rescaled whenever its norm exceeds 1 (Pascanu, Mikolov & Bengio 2013).",
    ],
    watch: "No NaN. The dots in the gradient-norm panel mark the clipped steps, the dashed line is the threshold; the loss falls below chance.",
    settings: {
      task: "agreement",
      preset: "easy",
      distance: 12,
      cell: "rnn_relu",
      recurrentInit: "identity",
      recurrentScale: 1.2,
      optimizer: "sgd",
      learningRate: 0.1,
      clip: "norm",
      threshold: 1,
      nonFinite: "stop",
    },
  },
  {
    id: "what-clipping-does",
    title: "6. What clipping does",
    text: [
      "Global-norm clipping multiplies the whole gradient g by min(1, c / ‖g‖): below the threshold c nothing changes; above it the step keeps its direction and gets length c. So SGD never moves further than learning rate × c in one step, however steep the cliff it stands on.",
      "It does not fix vanishing: a gradient that is already tiny is left alone. Try “value” clipping (each element clamped to [−c, c], which changes the direction), a threshold of 0.1 or 10, or the “skip” policy without clipping.",
    ],
    watch: "The fraction of clipped steps in the chart's subtitle, and how it changes with the threshold. Pascanu et al. report that thresholds from ½ to 10 × the average gradient norm still converge.",
    settings: {
      task: "agreement",
      preset: "easy",
      distance: 12,
      cell: "rnn_relu",
      recurrentInit: "identity",
      recurrentScale: 1.2,
      optimizer: "sgd",
      learningRate: 0.1,
      clip: "norm",
      threshold: 0.25,
      nonFinite: "stop",
    },
  },
];

/** The full configuration of a step: the defaults with the step's settings. */
export function tourConfig(step: TourStep): LabConfig {
  return { ...DEFAULT_CONFIG, ...step.settings };
}
