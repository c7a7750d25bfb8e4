package dev.footnote.index;

import java.util.List;

/**
 * What one indexing pass did. {@code failed} holds "file: reason" for files that could not be read;
 * {@code textsEmbedded} counts the sentences, headings and passages sent to the embedding model (texts found
 * in the index already are not).
 */
public record IndexReport(List<String> added, List<String> changed, List<String> removed, int unchanged,
        List<String> failed, int passagesWritten, int textsEmbedded, long millis) {

    public boolean changedAnything() {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
    }

    public String summary() {
        return String.format(
                "indexed in %d ms: %d added, %d changed, %d removed, %d unchanged, %d failed; %d passages written%s",
                millis, added.size(), changed.size(), removed.size(), unchanged, failed.size(), passagesWritten,
                textsEmbedded == 0 ? "" : ", " + textsEmbedded + " texts embedded");
    }
}
