package dev.footnote.bench;

/** Time since a {@link System#nanoTime()} reading. */
final class Elapsed {

    private Elapsed() {
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
