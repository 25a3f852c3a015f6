// Node-only helpers (node:fs); browser code imports "@vanish/rnn" and never reaches this file.
export {};
