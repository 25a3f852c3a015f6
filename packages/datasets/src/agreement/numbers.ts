// Pass 2a, the numbers: the gap rule's draw of how many nouns of each number the target gap holds, and each noun's
// number (singular, plural or neutral) once the structure is laid out.
import { type Draft, NEUTRAL } from "./draft";
import { below, between, unit } from "./random";

/** Joint draws of the gap's attractor and same-number counts before k′ is clamped to fit. */
const GAP_ATTEMPTS = 64;

/**
 * The gap rule (see `AgreementConfig.attractors`): k attractors and k′ same-number nouns, drawn independently from
 * `[aLo, min(aHi, room)]` and redrawn together, so the pair is exchangeable and the gap's noun numbers do not depend
 * on the label. The gap must hold both (at most `room` nouns) and number its `nested` agreeing subjects; and at least
 * one numbered noun whenever the range allows one, so the last numbered noun is never the subject. Sets
 * `d.attractors` and `d.same`.
 */
export function drawGapNumbers(d: Draft, aLo: number, aHi: number, room: number, nested: number): void {
  const rng = d.rng;
  const aTop = Math.min(aHi, room);
  const need = Math.max(nested, aTop > 0 ? 1 : 0);
  let attractors = 0;
  let same = 0;
  for (let attempt = 0; ; attempt++) {
    attractors = between(rng, aLo, aTop);
    same = between(rng, aLo, aTop);
    if (attractors + same <= room && attractors + same >= need) break;
    if (attempt === GAP_ATTEMPTS - 1) {
      same = Math.min(room - attractors, Math.max(need - attractors, same));
      break;
    }
  }
  d.attractors = attractors;
  d.same = same;
}

/** Collects the noun slots strictly between positions `from` and `to` (except `skip`) into `d.scratch`. */
export function gapSlots(d: Draft, from: number, to: number, skip: number): number {
  const nounAt = d.nounPhrases.nounAt;
  const count = d.nounPhrases.count;
  let m = 0;
  for (let s = 0; s < count; s++) {
    if (s !== skip && nounAt[s] > from && nounAt[s] < to) d.scratch[m++] = s;
  }
  return m;
}

/**
 * Target subject gets `label`. Of the gap's `candidates` noun slots (in `d.scratch`), `d.attractors` get the other
 * number and `d.same` the label's, chosen at random except that agreeing subjects (nested clauses) are always among
 * the numbered ones; the rest of the gap is number-neutral. Nouns outside the gap: neutral with probability
 * `neutralNouns` where allowed, else singular or plural at even odds, independently of the label.
 */
export function assignNumbers(d: Draft, target: number, label: 0 | 1, candidates: number): void {
  const rng = d.rng;
  const q = d.config.neutralNouns;
  const slots = d.scratch;
  const phrases = d.nounPhrases;
  const number = phrases.number;
  const agrees = phrases.agrees;
  number.fill(-1, 0, phrases.count); // −1 = not assigned yet
  // Shuffle the gap's slots, then move the agreeing ones to the front (they must carry a number).
  for (let i = 0; i < candidates; i++) {
    const j = i + below(rng, candidates - i);
    const s = slots[j];
    slots[j] = slots[i];
    slots[i] = s;
  }
  let front = 0;
  for (let i = 0; i < candidates; i++) {
    const s = slots[i];
    if (agrees[s] === 1) {
      slots[i] = slots[front];
      slots[front++] = s;
    }
  }
  // Which of the numbered slots are attractors: a uniform choice of `attractors` among the first `numbered`.
  const attractors = d.attractors;
  const numbered = attractors + d.same;
  for (let i = 0; i < numbered; i++) {
    const j = i + below(rng, numbered - i);
    const s = slots[j];
    slots[j] = slots[i];
    slots[i] = s;
  }
  for (let i = 0; i < candidates; i++) {
    number[slots[i]] = i < attractors ? 1 - label : i < numbered ? label : NEUTRAL;
  }
  number[target] = label;
  const neutralPool = d.tables.neutralPool;
  const kind = phrases.kind;
  for (let s = 0; s < phrases.count; s++) {
    if (number[s] !== -1) continue;
    const neutralAllowed = agrees[s] === 0 && neutralPool[kind[s]].length > 0;
    number[s] = neutralAllowed && unit(rng) < q ? NEUTRAL : below(rng, 2);
  }
}
