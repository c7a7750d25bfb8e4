package dev.footnote.corpus;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A few consecutive sentences of one article: the unit that is indexed, retrieved and cited.
 * {@code heading} is the headline the passage stands under (the article title for a first section), kept
 * beside the passage to give it context in search and answering.
 */
public record Passage(String file, int startLine, int endLine, List<Sentence> sentences, String heading) {

    public Passage {
        sentences = List.copyOf(sentences);
    }

    public String text() {
        return sentences.stream().map(Sentence::text).collect(Collectors.joining(" "));
    }
}
