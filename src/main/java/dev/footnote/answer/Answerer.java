package dev.footnote.answer;

import dev.footnote.retrieve.RetrievalResult;
import java.io.IOException;

/** Turns a question and what retrieval found for it into a draft answer. */
public interface Answerer {

    Draft draft(String question, RetrievalResult retrieval) throws IOException;

    /** The name shown as {@code model} in answers. */
    String name();
}
