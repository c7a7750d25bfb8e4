package dev.footnote.eval;

/**
 * The questions one gate refused in an evaluation run, and how many of those were answerable: its false refusals.
 */
public record GateRefusals(int refused, int answerable) {

    GateRefusals plus(boolean wasAnswerable) {
        return new GateRefusals(refused + 1, answerable + (wasAnswerable ? 1 : 0));
    }
}
