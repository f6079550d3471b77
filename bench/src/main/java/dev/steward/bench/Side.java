package dev.steward.bench;

/** Which of the two runs a measurement: Steward, or the plain-Temporal baseline of the same shape. */
enum Side {
  STEWARD,
  PLAIN
}
