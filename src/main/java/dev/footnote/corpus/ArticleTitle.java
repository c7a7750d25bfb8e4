package dev.footnote.corpus;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An article's title for readers, who cannot tell {@code 003_f221ba18038d1787.txt} from its neighbours: the
 * first headline among its content lines, as the {@link LineClassifier} keeps them (so a site name or a menu is
 * never the title); failing that, the start of its first sentence; the file name only when it has no text.
 */
public final class ArticleTitle {

    /** A headline longer than this is cut: a title is read at a glance on a card. */
    static final int MAX_CHARS = 160;
    /** Prose that must follow a headline-like line for it to count as the article's headline. */
    static final int PROSE_CHARS = 400;
    /** Words of a first sentence that stands in for a missing headline. */
    private static final int SENTENCE_WORDS = 12;
    /** "date 2024-11-13 Hamas Delegation in Cairo…": a scraped page's date glued before its headline. */
    private static final Pattern DATE_PREFIX = Pattern.compile(
            "^(?i:(date|published|updated)\\s*:?\\s*)?\\d{4}-\\d{2}-\\d{2}(T[\\d:.]+Z?)?\\s+");

    private final LineClassifier classifier = new LineClassifier();

    /** The title of {@code article}, never empty. */
    public String of(Article article) {
        return of(article, classifier.classify(article.lines()));
    }

    /**
     * As {@link #of(Article)}, with the lines already classified. The headline is the first headline-like line that
     * the article's prose follows (at least {@link #PROSE_CHARS} before the next headline), so a ticker of
     * one-line teasers above the article is passed over; a Markdown {@code # } heading is the title at once.
     */
    public String of(Article article, List<LineClassifier.Kind> kinds) {
        if (!article.layout().title().isBlank()) {
            return article.layout().title(); // the document's own metadata title says it best
        }
        List<String> lines = article.lines();
        String firstHeadline = null;
        String firstSentence = null;
        for (int i = 0; i < lines.size(); i++) {
            if (kinds.get(i) != LineClassifier.Kind.CONTENT) {
                continue;
            }
            String raw = Text.strip(lines.get(i));
            String line = DATE_PREFIX.matcher(raw.replaceFirst("^#+\\s*", "")).replaceFirst("");
            if (LineClassifier.words(line).size() < 2) {
                continue;
            }
            if (!PassageBuilder.isHeadline(line)) {
                if (firstSentence == null) {
                    firstSentence = line;
                }
                continue;
            }
            if (raw.startsWith("# ") || proseAfter(lines, kinds, i) >= PROSE_CHARS) {
                return cut(line);
            }
            if (firstHeadline == null) {
                firstHeadline = line;
            }
        }
        if (firstHeadline != null) {
            return cut(firstHeadline);
        }
        if (firstSentence != null) {
            return startOf(firstSentence);
        }
        String file = article.file();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Characters of content that is not a headline between line {@code at} and the next headline. */
    private static int proseAfter(List<String> lines, List<LineClassifier.Kind> kinds, int at) {
        int chars = 0;
        for (int j = at + 1; j < lines.size() && chars < PROSE_CHARS; j++) {
            if (kinds.get(j) != LineClassifier.Kind.CONTENT) {
                continue;
            }
            String line = Text.strip(lines.get(j));
            if (PassageBuilder.isHeadline(line)) {
                break;
            }
            chars += line.length();
        }
        return chars;
    }

    private static String cut(String line) {
        String folded = line.replaceAll("\\s+", " ");
        return folded.length() <= MAX_CHARS ? folded : folded.substring(0, MAX_CHARS - 1).strip() + "\u2026";
    }

    private static String startOf(String sentence) {
        String[] words = sentence.strip().split("\\s+");
        if (words.length <= SENTENCE_WORDS) {
            return cut(sentence);
        }
        return cut(String.join(" ", List.of(words).subList(0, SENTENCE_WORDS)).replaceAll("[,;:]$", "") + "\u2026");
    }
}
