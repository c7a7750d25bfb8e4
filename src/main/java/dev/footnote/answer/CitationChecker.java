package dev.footnote.answer;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.ArticleLookup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a draft against the indexed text before anyone sees it. A place must exist in its file, and the
 * claim's words must stand in those lines; the quote is then copied from the lines themselves. Places that
 * fail are dropped, claims left with no place are dropped, and a draft with no claim left becomes a refusal.
 */
public final class CitationChecker {

    public static final String REFUSAL = "The articles do not answer this question.";
    /**
     * Said instead of a model's reply that cites no passage at all: nothing in it could be checked, which is not
     * the same as the articles not answering (the closest passage may well say it).
     */
    public static final String UNCHECKED = "The model's answer could not be checked against the articles: it cites "
            + "no passage.";

    private final ArticleLookup index;

    /** @param index the articles as indexed (the {@code PassageIndex}) */
    public CitationChecker(ArticleLookup index) {
        this.index = index;
    }

    /**
     * The checked answer text, citations, and how many proposed citations were dropped; {@code sentences} says
     * which citations back each sentence of the text, {@code refusal} why it is not answered (null when it is).
     */
    public record Checked(String answer, boolean answered, List<Citation> citations, int dropped,
            List<AnswerSentence> sentences, Refusal refusal) {

        public Checked {
            citations = List.copyOf(citations);
            sentences = List.copyOf(sentences);
        }

        /** Checked text that gives no reason for a refusal. */
        public Checked(String answer, boolean answered, List<Citation> citations, int dropped,
                List<AnswerSentence> sentences) {
            this(answer, answered, citations, dropped, sentences, null);
        }

        /** The same, refused for {@code why}. */
        public Checked refusedFor(Refusal why) {
            return new Checked(answer, answered, citations, dropped, sentences, why);
        }
    }

    public Checked check(Draft draft) throws IOException {
        Map<String, Optional<Article>> articles = new HashMap<>();
        Map<Place, Citation> ids = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        List<AnswerSentence> sentences = new ArrayList<>();
        int dropped = 0;
        for (Claim claim : draft.claims()) {
            List<Integer> markers = new ArrayList<>();
            for (Place place : claim.places()) {
                Optional<String> quote = quote(place, articles);
                if (quote.isEmpty() || !contains(quote.get(), claim.text())) {
                    dropped++;
                    continue;
                }
                Citation c = ids.computeIfAbsent(place, p -> new Citation(ids.size() + 1, p.file(), p.startLine(),
                        p.endLine(), quote.get(), claim.score()));
                markers.add(c.id());
            }
            if (markers.isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(claim.text().strip()).append(' ');
            markers.forEach(m -> text.append('[').append(m).append(']'));
            sentences.add(new AnswerSentence(claim.text().strip(), markers, true));
        }
        if (draft.answered() && !ids.isEmpty()) {
            return new Checked(text.toString(), true, List.copyOf(ids.values()), dropped, sentences);
        }
        Checked refusal = refusal(draft.closest(), articles);
        // A draft that answered loses every claim here only when none stands in the lines it cites.
        Refusal why = draft.answered()
                ? new Refusal(Refusal.CITATION_CHECK, "no sentence found stands in the lines it would cite")
                : draft.refusal();
        return new Checked(refusal.answer(), false, refusal.citations(), dropped + refusal.dropped(), List.of(),
                why);
    }

    /** {@code checked} with each citation titled as its article is in the index. */
    public Checked titled(Checked checked) throws IOException {
        if (checked.citations().isEmpty()) {
            return checked;
        }
        Map<String, String> titles = index.titles(checked.citations().stream().map(Citation::file).toList());
        return new Checked(checked.answer(), checked.answered(),
                checked.citations().stream().map(c -> c.withTitle(titles.get(c.file()))).toList(), checked.dropped(),
                checked.sentences(), checked.refusal());
    }

    /**
     * The refusal: {@link #REFUSAL}, and the closest passages that exist as citations ("The closest passages
     * are [1] and [2].").
     */
    public Checked refusal(List<Place> closestPlaces) throws IOException {
        return refusal(closestPlaces, new HashMap<>());
    }

    /** As {@link #refusal(List)}, reusing articles already loaded for this answer. */
    Checked refusal(List<Place> closestPlaces, Map<String, Optional<Article>> articles) throws IOException {
        return unanswered(REFUSAL, closestPlaces, articles);
    }

    /** {@code said} (the refusal, or {@link #UNCHECKED}), then the closest passages as the refusal gives them. */
    Checked unanswered(String said, List<Place> closestPlaces, Map<String, Optional<Article>> articles)
            throws IOException {
        int dropped = 0;
        List<Citation> closest = new ArrayList<>();
        for (Place place : closestPlaces) {
            Optional<String> quote = quote(place, articles);
            if (quote.isPresent()) {
                closest.add(new Citation(closest.size() + 1, place.file(), place.startLine(), place.endLine(),
                        quote.get(), 0));
            } else {
                dropped++;
            }
        }
        String text = said + switch (closest.size()) {
            case 0 -> "";
            case 1 -> " The closest passage is [1].";
            default -> " The closest passages are " + String.join(", ",
                    closest.subList(0, closest.size() - 1).stream().map(c -> "[" + c.id() + "]").toList())
                    + " and [" + closest.size() + "].";
        };
        return new Checked(text, false, closest, dropped, List.of());
    }

    /** The exact text of the place's lines as indexed, if the file and the lines exist. */
    Optional<String> quote(Place place, Map<String, Optional<Article>> articles) throws IOException {
        Optional<Article> article = articles.get(place.file());
        if (article == null) {
            article = index.article(place.file());
            articles.put(place.file(), article);
        }
        if (article.isEmpty() || place.startLine() < 1 || place.endLine() < place.startLine()
                || place.endLine() > article.get().lineCount()) {
            return Optional.empty();
        }
        return Optional.of(article.get().text(place.startLine(), place.endLine()));
    }

    /**
     * The same answer with each citation of a document placed in the original: its PDF page, HTML source line,
     * paragraph or chapter, from where its first line was extracted. Plain-text citations are left as they are.
     */
    public Checked located(Checked checked) throws IOException {
        Map<String, Optional<Article>> articles = new HashMap<>();
        List<Citation> placed = new ArrayList<>(checked.citations().size());
        for (Citation c : checked.citations()) {
            if (ArticleFiles.isPlainText(c.file())) {
                placed.add(c); // nothing to place, and reading the article would cost every answer its time
                continue;
            }
            Optional<Article> article = articles.get(c.file());
            if (article == null) {
                article = index.article(c.file());
                articles.put(c.file(), article);
            }
            placed.add(article.map(a -> c.at(a.layout().origin(c.startLine()))).orElse(c));
        }
        return new Checked(checked.answer(), checked.answered(), placed, checked.dropped(), checked.sentences(),
                checked.refusal());
    }

    /** Whether the claim's text stands in the quoted lines, ignoring how whitespace and line breaks fall. */
    static boolean contains(String quote, String claim) {
        String q = normalize(quote);
        String c = normalize(claim);
        return !c.isEmpty() && q.contains(c);
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("(?U)\\s+", " ").strip();
    }
}
