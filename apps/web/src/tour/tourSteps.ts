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

/**
 * Steps 2 and 3: the CLI demo's agreement design (apps/cli's DEMO_AGREEMENT) — a language model over sentences
 * whose subject is 1–40 words from its verb (log-uniform), scored at the verb, 0–4 attractors, a small lexicon;
 * hidden 32, embedding 16, batch 32, Adam 0.01, global-norm clipping at 1, forget-gate bias 1 (used by the LSTM).
 */
const VANISHING: Partial<LabConfig> = {
  task: "agreement",
  preset: "easy",
  framing: "lm",
  distance: 40,
  cell: "rnn_tanh",
  forgetBias: 1,
  hiddenSize: 32,
  optimizer: "adam",
  learningRate: 0.01,
  clip: "norm",
  threshold: 1,
  batchSize: 32,
};

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
    title: "2. Vanishing: a plain RNN at distances 1–40",
    text: [
      "The same agreement, trained the way Linzen, Dupoux & Goldberg (2016) trained theirs: the network reads each sentence word by word and predicts the next word. At the verb it should prefer “were” to “was” when the subject was plural — and the subject sits anywhere from 1 to 40 words back (short gaps as common as long ones), with up to 4 nouns of the other number in between.",
      "To learn that, the error at the verb has to travel back to the subject, and a tanh RNN multiplies it by a Jacobian smaller than one at every step: across a word or two it arrives, across twenty it is gone.",
    ],
    watch:
      "The chart “Verb agreement on held-out sentences, by distance”. Measured in Chromium: after about 600 steps (5–10 s) the RNN is right 100% of the time when the subject is 1 or 2 words back, 65–85% at 3–4 words, and at chance (about 50%) from 5 words on — and 9,000 steps later it still is. In the ‖∂L/∂hₜ‖ chart, the verb's gradient that reaches the subject 40 words back is 10⁻¹¹ of the one at the verb or less.",
    settings: VANISHING,
  },
  {
    id: "vanishing-lstm",
    title: "3. …and an LSTM on the same sentences",
    text: [
      "Same sentences, same seed, same settings — only the cell changes. The LSTM's cell state is updated additively through its forget gate (its bias starts at 1, so the gate starts mostly open), and the gradient can pass many steps without shrinking.",
    ],
    watch:
      "The same chart: after about 550–600 steps (8–10 s in Chromium) the LSTM jumps from chance to 100% in every bucket, out to 33–40 words (with seeds 0 and 2 it took 1,000–1,200 steps, looking like the RNN for a while first). In the ‖∂L/∂hₜ‖ chart the gradient at the subject stays between 1/800 and 1/5,000 of the verb's — billions of times more than the RNN's.",
    settings: { ...VANISHING, cell: "lstm" },
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
