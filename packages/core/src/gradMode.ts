// Whether ops record their backward: a counter that noGrad raises for the duration of a call. Its own file so
// that the tensor class (which records `contiguous`) and the autodiff helpers both read it without importing
// each other.
let disabled = 0;

/** True when ops record their backward (not inside {@link noGrad}). */
export function isRecording(): boolean {
  return disabled === 0;
}

/** Runs `fn` without recording autodiff history (for updates, evaluation and backward passes themselves). */
export function noGrad<T>(fn: () => T): T {
  disabled++;
  try {
    return fn();
  } finally {
    disabled--;
  }
}
