package dev.footnote.retrieve;

import java.io.IOException;

/**
 * How close in meaning a wording of the question is to the sentences and headings of the retrieved passages.
 * The answerer asks it of the question with some words left out, to see whether those words bring the question
 * closer to a sentence (a synonym) or not (a fact the text lacks).
 */
@FunctionalInterface
public interface Similarity {

    /** Knows nothing: words alone were searched. */
    Similarity NONE = text -> Scores.NONE;

    /** {@code text}, embedded as a question, against every sentence and heading of the hits. */
    Scores of(String text) throws IOException;

    /** One wording's cosine similarity to the hits' sentences and headings, looked up by their text. */
    @FunctionalInterface
    interface Scores {

        Scores NONE = sentence -> null;

        /** The cosine similarity to this sentence or heading of a hit, or null when it is not known. */
        Double to(String sentence);
    }
}
