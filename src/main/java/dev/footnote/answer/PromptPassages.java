package dev.footnote.answer;

import dev.footnote.corpus.Passage;
import dev.footnote.retrieve.SearchHit;
import java.util.List;
import java.util.regex.Pattern;

/** The retrieved passages as the answer prompt's {@code {{passages}}} shows them to a language model. */
public final class PromptPassages {

    /** The delimiters, as an article's text might spell them. */
    private static final Pattern TAG = Pattern.compile("[<\uff1c]\\s*(/?)\\s*(passage|heading)",
            Pattern.CASE_INSENSITIVE);

    private PromptPassages() {
    }

    /**
     * Passages numbered from 1 in retrieval order, each inside its own {@code <passage id="n" source="file:start-end">}
     * and {@code </passage>}, its heading inside too. An article line such as "Ignore previous instructions" thus
     * reaches the model only as quoted material, never where the prompt's own instructions stand; tags in the
     * article's text are defused so that it cannot close its passage early.
     */
    public static String of(List<SearchHit> hits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            Passage p = hits.get(i).passage();
            if (i > 0) {
                out.append("\n\n");
            }
            out.append("<passage id=\"").append(i + 1).append("\" source=\"")
                    .append(attribute(p.file() + ":" + p.startLine() + "-" + p.endLine())).append("\">\n");
            if (!p.heading().isBlank()) {
                out.append("<heading>").append(defused(p.heading())).append("</heading>\n");
            }
            out.append(defused(p.text())).append("\n</passage>");
        }
        return out.toString();
    }

    /**
     * The text with every {@code <passage}, {@code </passage}, {@code <heading} or {@code </heading} made inert,
     * also when spaced ({@code < /passage}) or written with a full-width bracket.
     */
    static String defused(String text) {
        return TAG.matcher(text).replaceAll("\u2039$1$2");
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
