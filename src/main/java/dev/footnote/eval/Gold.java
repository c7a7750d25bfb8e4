package dev.footnote.eval;

/** A place that holds the answer: lines of a file, or the whole file when the lines are absent. */
public record Gold(String file, Integer startLine, Integer endLine) {

    public boolean wholeFile() {
        return startLine == null || endLine == null;
    }

    /** Whether lines {@code start..end} of {@code f} overlap this place. */
    public boolean hitBy(String f, int start, int end) {
        return file.equals(f) && (wholeFile() || (start <= endLine && end >= startLine));
    }
}
