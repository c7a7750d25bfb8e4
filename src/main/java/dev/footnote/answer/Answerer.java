package dev.footnote.answer;

import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.util.List;

/** Turns a question and the passages retrieved for it into a draft answer. */
public interface Answerer {

    Draft draft(String question, List<SearchHit> hits) throws IOException;

    /** The name shown as {@code model} in answers. */
    String name();
}
