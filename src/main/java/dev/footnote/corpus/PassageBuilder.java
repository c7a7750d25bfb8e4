package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Groups an article's content lines into passages of a few overlapping sentences. A passage never crosses a
 * headline or a line of chrome (except a share bar right below a headline); a long line holding a whole paragraph
 * is cut into sentence windows that all still name that line.
 */
public final class PassageBuilder {

    private static final Pattern TERMINAL = Pattern.compile("[.!?\\u2026][\"'\\u201d\\u2019)\\]]*$");
    private static final Set<String> CONTINUING_WORDS = Set.of(
            "a", "an", "the", "of", "to", "in", "and", "or", "but", "for", "with", "by", "on", "at", "from", "as");

    private final LineClassifier classifier = new LineClassifier();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final int maxSentences;
    private final int maxChars;

    public PassageBuilder() {
        this(3, 800);
    }

    public PassageBuilder(int maxSentences, int maxChars) {
        this.maxSentences = maxSentences;
        this.maxChars = maxChars;
    }

    public List<Passage> build(Article article) {
        return build(article, classifier.classify(article.lines()));
    }

    public List<Passage> build(Article article, List<LineClassifier.Kind> kinds) {
        List<String> lines = article.lines();
        List<List<Sentence>> sections = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<Sentence> section = new ArrayList<>();
        String heading = "";
        int headline = 0; // line number of the last headline
        int i = 0;
        while (i < lines.size()) {
            if (kinds.get(i) == LineClassifier.Kind.BLANK) {
                i++;
                continue;
            }
            if (kinds.get(i) == LineClassifier.Kind.CHROME) {
                // A share bar set directly below a headline (no blank line between) is page furniture that a web
                // page's structure drops and a PDF keeps as lines: it does not part the headline from its first
                // paragraph. A byline or a date there does, as it always has.
                if (!underHeadlineAlone(section, headline) || !directlyBelow(kinds, headline, i)
                        || !LineClassifier.isFurniture(lines.get(i))) {
                    section = closeSection(sections, headings, section, heading);
                }
                i++;
                continue;
            }
            // A unit is one line, or several when a hard-wrapped sentence runs on to the next line.
            int end = i;
            while (end + 1 < lines.size() && kinds.get(end + 1) == LineClassifier.Kind.CONTENT
                    && continues(lines.get(end), lines.get(end + 1))) {
                end++;
            }
            if (end == i && isHeadline(lines.get(i))) {
                section = closeSection(sections, headings, section, heading);
                heading = Text.strip(lines.get(i)).replaceFirst("^#+\\s*", "");
                headline = i + 1;
            }
            section.addAll(sentences(lines, i, end));
            i = end + 1;
        }
        closeSection(sections, headings, section, heading);

        List<Passage> passages = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            windows(article.file(), sections.get(s), headings.get(s), passages);
        }
        return passages;
    }

    /** Whether the section so far is only the headline on line {@code headline}. */
    private static boolean underHeadlineAlone(List<Sentence> section, int headline) {
        return !section.isEmpty() && section.stream().allMatch(s -> s.startLine() == headline);
    }

    /** Whether line index {@code i} follows headline line {@code headline} with only furniture between. */
    private static boolean directlyBelow(List<LineClassifier.Kind> kinds, int headline, int i) {
        for (int l = headline; l < i; l++) {
            if (kinds.get(l) != LineClassifier.Kind.CHROME) {
                return false;
            }
        }
        return true;
    }

    /** Ends a section; each remembers the heading it stands under, which gives its passages context. */
    private static List<Sentence> closeSection(List<List<Sentence>> sections, List<String> headings,
            List<Sentence> section, String heading) {
        if (!section.isEmpty()) {
            sections.add(section);
            headings.add(heading);
        }
        return new ArrayList<>();
    }

    private void windows(String file, List<Sentence> sentences, String heading, List<Passage> out) {
        int start = 0;
        int n = sentences.size();
        while (start < n) {
            int end = start + 1;
            int chars = sentences.get(start).text().length();
            while (end < n && end - start < maxSentences && chars + sentences.get(end).text().length() <= maxChars) {
                chars += sentences.get(end).text().length() + 1;
                end++;
            }
            List<Sentence> window = sentences.subList(start, end);
            out.add(new Passage(file, window.get(0).startLine(), window.get(window.size() - 1).endLine(), window,
                    heading));
            if (end >= n) {
                break;
            }
            // Overlap by one sentence so that an answer spanning a window edge is whole in one passage.
            start = end - start > 1 ? end - 1 : end;
        }
    }

    private List<Sentence> sentences(List<String> lines, int first, int last) {
        StringBuilder text = new StringBuilder();
        int[] lineStart = new int[last - first + 1];
        for (int l = first; l <= last; l++) {
            if (l > first) {
                text.append(' ');
            }
            lineStart[l - first] = text.length();
            text.append(Text.strip(lines.get(l)));
        }
        List<Sentence> out = new ArrayList<>();
        for (int[] span : splitter.split(text.toString())) {
            out.add(new Sentence(text.substring(span[0], span[1]),
                    first + 1 + lineOf(lineStart, span[0]), first + 1 + lineOf(lineStart, span[1] - 1)));
        }
        return out;
    }

    private static int lineOf(int[] lineStart, int offset) {
        int l = 0;
        while (l + 1 < lineStart.length && lineStart[l + 1] <= offset) {
            l++;
        }
        return l;
    }

    /** A short line that does not end like a sentence: a title or a section heading. */
    static boolean isHeadline(String line) {
        String s = Text.strip(line);
        if (s.startsWith("#")) {
            return true;
        }
        return !TERMINAL.matcher(s).find() && LineClassifier.words(s).size() <= 20;
    }

    /** Whether {@code next} carries on the sentence that {@code line} leaves unfinished (hard-wrapped text). */
    static boolean continues(String line, String next) {
        String s = Text.strip(line);
        String n = Text.strip(next);
        if (s.isEmpty() || n.isEmpty() || TERMINAL.matcher(s).find() || s.startsWith("#")
                || n.startsWith("#") || LineClassifier.stripBullets(n).length() != n.length()) {
            return false;
        }
        if (Character.isLowerCase(n.charAt(0))) {
            return true;
        }
        char lastChar = s.charAt(s.length() - 1);
        if (lastChar == ',' || lastChar == '-' || lastChar == ';') {
            return true;
        }
        List<String> words = LineClassifier.words(s);
        return !words.isEmpty() && CONTINUING_WORDS.contains(words.get(words.size() - 1));
    }
}
