package dev.footnote.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unanswerable questions made from answerable ones the way SQuAD 2.0 made its own: each still reads as answerable
 * and is not. Four perturbations, each recorded in the question's {@code perturbation}:
 * <ul>
 * <li>{@code swapped_entity}: one name, number or year of the question replaced by another of the same kind taken
 * from another question of the set, one that its article never mentions;</li>
 * <li>{@code negation}: an antonym put in ("largest" for "smallest", "first" for "last") or, failing one, the
 * question's auxiliary verb negated ("was" to "wasn't");</li>
 * <li>{@code added_condition}: a year the article never mentions added as a condition ("… in 1931?");</li>
 * <li>{@code without_article}: the question as it is, asked of the collection without its article
 * ({@code without}).</li>
 * </ul>
 * The same questions, articles and seed give the same set, line for line.
 */
public final class Negatives {

    /** How a negative was made; the names are those written in the question file. */
    public enum Perturbation {
        SWAPPED_ENTITY("swapped_entity"), NEGATION("negation"), ADDED_CONDITION("added_condition"), WITHOUT_ARTICLE(
                "without_article");

        private final String label;

        Perturbation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Capitalised runs after the first word: "Super Bowl", "Denver Broncos", "University of Chicago". */
    private static final Pattern NAME = Pattern
            .compile("(?<=\\s)\\p{Lu}[\\p{L}'\u2019-]*(?:\\s+(?:of\\s+(?:the\\s+)?)?\\p{Lu}[\\p{L}'\u2019-]*)*");
    private static final Pattern YEAR = Pattern.compile("\\b(?:1[0-9]{3}|20[0-9]{2})\\b");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])\\d+(?:[.,]\\d+)?(?![\\d.,]*\\d)");
    private static final Pattern AUXILIARY = Pattern.compile("(?i)\\b(is|was|are|were|did|does|do|can|could|has|"
            + "have|had|will|would|should)\\b");
    private static final Pattern ALREADY_NEGATED = Pattern.compile("(?i)\\b(not|never|no|none|nor|without)\\b|n't\\b");
    private static final Map<String, String> NEGATED = Map.ofEntries(Map.entry("is", "isn't"),
            Map.entry("was", "wasn't"), Map.entry("are", "aren't"), Map.entry("were", "weren't"),
            Map.entry("did", "didn't"), Map.entry("does", "doesn't"), Map.entry("do", "don't"),
            Map.entry("can", "can't"), Map.entry("could", "couldn't"), Map.entry("has", "hasn't"),
            Map.entry("have", "haven't"), Map.entry("had", "hadn't"), Map.entry("will", "won't"),
            Map.entry("would", "wouldn't"), Map.entry("should", "shouldn't"));
    /** Antonyms that turn a question about one end of a scale or time to the other; both ways. */
    private static final Map<String, String> ANTONYMS = antonyms("first", "last", "largest", "smallest",
            "biggest", "smallest", "highest", "lowest", "most", "least", "earliest", "latest", "oldest", "newest",
            "longest", "shortest", "best", "worst", "before", "after", "increase", "decrease", "increased",
            "decreased", "more", "less", "larger", "smaller", "higher", "lower", "greater", "fewer", "north", "south",
            "east", "west", "northern", "southern", "eastern", "western", "maximum", "minimum", "major", "minor",
            "early", "late", "begin", "end", "began", "ended", "start", "finish", "inside", "outside", "above",
            "below", "upper", "lower", "rich", "poor", "strong", "weak", "positive", "negative", "allowed",
            "forbidden", "legal", "illegal", "private", "public", "internal", "external", "ancient", "modern");

    private final long seed;
    private final int perKind;

    /**
     * @param seed    the seed of every random choice
     * @param perKind how many questions of each perturbation to make (fewer when the set has too few that fit)
     */
    public Negatives(long seed, int perKind) {
        this.seed = seed;
        this.perKind = perKind;
    }

    /**
     * Negatives made from the answerable questions of {@code questions}, {@code perKind} of each perturbation in
     * the order of {@link Perturbation}.
     *
     * @param articles the folder of the articles, read to check that what a perturbation puts in is not in the
     *                 question's article
     */
    public List<Question> make(List<Question> questions, java.nio.file.Path articles) {
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        return make(questions, file -> texts.computeIfAbsent(file, f -> {
            try {
                return java.nio.file.Files.readString(articles.resolve(f), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read article " + f, e);
            }
        }));
    }

    /**
     * As {@link #make(List, java.nio.file.Path)}.
     *
     * @param articleText a file's text, to check that what a perturbation puts in is not in the article
     */
    public List<Question> make(List<Question> questions, Function<String, String> articleText) {
        List<Question> sources = questions.stream().filter(q -> q.answerable() && !q.gold().isEmpty()).toList();
        Map<String, List<String>> pool = pool(sources);
        List<Question> out = new ArrayList<>();
        for (Perturbation p : Perturbation.values()) {
            Random random = new Random(seed * 31 + p.label().hashCode());
            List<Question> order = new ArrayList<>(sources);
            Collections.shuffle(order, random);
            int made = 0;
            for (Question q : order) {
                if (made >= perKind) {
                    break;
                }
                String file = q.gold().get(0).file();
                String text = articleText.apply(file).toLowerCase(Locale.ROOT);
                Question negative = switch (p) {
                    case SWAPPED_ENTITY -> swapped(q, pool, text, random);
                    case NEGATION -> negated(q);
                    case ADDED_CONDITION -> conditioned(q, text, random);
                    case WITHOUT_ARTICLE -> negative(q, "without", q.question(), p, List.of(file));
                };
                if (negative != null) {
                    out.add(negative);
                    made++;
                }
            }
        }
        return out;
    }

    private static Question negative(Question q, String suffix, String text, Perturbation p, List<String> without) {
        return new Question(q.id() + "-" + suffix, text, List.of(), false, List.of(), p.label(), without);
    }

    /** Every name, year and number the questions use, by kind ("name2" for two-word names). */
    static Map<String, List<String>> pool(List<Question> questions) {
        Map<String, List<String>> pool = new LinkedHashMap<>();
        for (Question q : questions) {
            for (Entity e : entities(q.question())) {
                List<String> values = pool.computeIfAbsent(e.kind(), k -> new ArrayList<>());
                if (!values.contains(e.text())) {
                    values.add(e.text());
                }
            }
        }
        return pool;
    }

    /** A name, year or number in a question, where it stands. */
    record Entity(String kind, String text, int start, int end) {
    }

    static List<Entity> entities(String question) {
        List<Entity> out = new ArrayList<>();
        Matcher y = YEAR.matcher(question);
        while (y.find()) {
            out.add(new Entity("year", y.group(), y.start(), y.end()));
        }
        Matcher n = NUMBER.matcher(question);
        while (n.find()) {
            if (!YEAR.matcher(n.group()).matches()) {
                out.add(new Entity("number", n.group(), n.start(), n.end()));
            }
        }
        Matcher m = NAME.matcher(question);
        while (m.find()) {
            String name = m.group();
            out.add(new Entity("name" + name.split("\\s+").length, name, m.start(), m.end()));
        }
        return out;
    }

    private static Question swapped(Question q, Map<String, List<String>> pool, String article, Random random) {
        List<Entity> entities = entities(q.question());
        if (entities.isEmpty()) {
            return null;
        }
        Entity e = entities.get(random.nextInt(entities.size()));
        List<String> values = pool.getOrDefault(e.kind(), List.of());
        String lowerQuestion = q.question().toLowerCase(Locale.ROOT);
        // A few random draws rather than a scan of the whole pool: the check reads the article each time.
        String other = null;
        for (int tries = 0; tries < 50 && other == null && !values.isEmpty(); tries++) {
            String candidate = values.get(random.nextInt(values.size()));
            if (!candidate.equalsIgnoreCase(e.text()) && !lowerQuestion.contains(candidate.toLowerCase(Locale.ROOT))
                    && !mentions(article, candidate)) {
                other = candidate;
            }
        }
        if (other == null) {
            return null;
        }
        String text = q.question().substring(0, e.start()) + other + q.question().substring(e.end());
        return negative(q, "swap", text, Perturbation.SWAPPED_ENTITY, List.of());
    }

    private static boolean mentions(String lowerText, String value) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value.toLowerCase(Locale.ROOT))
                + "(?![\\p{L}\\p{N}])").matcher(lowerText).find();
    }

    /** An antonym in place of the first word that has one; else the first auxiliary verb negated. */
    static Question negated(Question q) {
        if (ALREADY_NEGATED.matcher(q.question()).find()) {
            return null; // a second negation could cancel the first
        }
        Matcher w = Pattern.compile("\\b\\p{Ll}+\\b").matcher(q.question());
        while (w.find()) {
            String antonym = ANTONYMS.get(w.group());
            if (antonym != null) {
                String text = q.question().substring(0, w.start()) + antonym + q.question().substring(w.end());
                return negative(q, "antonym", text, Perturbation.NEGATION, List.of());
            }
        }
        Matcher aux = AUXILIARY.matcher(q.question());
        if (!aux.find() || aux.start() == 0) {
            return null; // "Is it…?" would read as a yes/no question turned round, not a negation
        }
        String verb = aux.group(1);
        String negated = NEGATED.get(verb.toLowerCase(Locale.ROOT));
        String text = q.question().substring(0, aux.start()) + negated + q.question().substring(aux.end());
        return negative(q, "not", text, Perturbation.NEGATION, List.of());
    }

    /** The question with "in YEAR" added before its question mark, a year its article never mentions. */
    private static Question conditioned(Question q, String article, Random random) {
        String question = q.question().strip();
        if (!question.endsWith("?") || YEAR.matcher(question).find()) {
            return null; // a question that gives a year already would read as asking about two times
        }
        for (int tries = 0; tries < 20; tries++) {
            String year = String.valueOf(1600 + random.nextInt(416));
            if (!article.contains(year)) {
                String text = question.substring(0, question.length() - 1).stripTrailing() + " in " + year + "?";
                return negative(q, "condition", text, Perturbation.ADDED_CONDITION, List.of());
            }
        }
        return null;
    }

    private static Map<String, String> antonyms(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.putIfAbsent(pairs[i], pairs[i + 1]);
            out.putIfAbsent(pairs[i + 1], pairs[i]);
        }
        return Map.copyOf(out);
    }
}
