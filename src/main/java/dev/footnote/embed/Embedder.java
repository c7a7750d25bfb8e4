package dev.footnote.embed;

import java.util.List;

/** Turns texts into unit-length vectors; what dense retrieval and the answerer compare questions with. */
public interface Embedder {

    /** Vectors for passage-side texts (sentences, headings), in order, each of length {@link #dimension()}. */
    List<float[]> embed(List<String> texts);

    /** The vector of a question, with whatever instruction the model wants for queries. */
    float[] embedQuery(String question);

    int dimension();

    /** A name that changes whenever vectors would change, so an index never mixes two models' vectors. */
    String name();
}
