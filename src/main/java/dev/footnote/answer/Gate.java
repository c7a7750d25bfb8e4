package dev.footnote.answer;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A rule that can refuse a question, or turn away a sentence offered as its answer. Each has a snake_case
 * {@link #name()}, which a refusal and {@code footnote eval} report, and its settings as the components of its
 * record; {@link #detail} says in plain words what it found. The extractive answerer passes each candidate
 * sentence through the gates in the order they are declared here, and a question none of whose sentences gets
 * through is refused by the last gate that turned one away.
 */
public sealed interface Gate {

    String name();

    /** Whether the question itself is refused, before any sentence is looked at. */
    default boolean refuses(Asked q) {
        return false;
    }

    /** Whether the candidate may answer, as far as this rule goes. */
    default boolean passes(Candidate c, Asked q) throws IOException {
        return true;
    }

    /**
     * Why the question is refused, as a clause ("no passage names Qatar"): {@code rejected} is the best candidate
     * this gate turned away, null for a gate that refuses the question itself.
     */
    String detail(Candidate rejected, Asked q);

    /** "?" or "what is the": nothing to look for. */
    record NoTerms() implements Gate {
        public static final String NAME = "no_terms";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean refuses(Asked q) {
            return q.terms().isEmpty();
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return "the question has no words to look for";
        }
    }

    /** Nothing was retrieved, or nothing retrieved has a sentence. */
    record NoPassages() implements Gate {
        public static final String NAME = "no_passages";
        public static final String DETAIL = "no passage matches the question";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean refuses(Asked q) {
            return q.hits() == 0;
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return DETAIL;
        }
    }

    /**
     * The passage must mention the names the question asks about ("Egypt" in "Egyptian" counts, and an acronym
     * spelled out): at least {@code minCoverage} of their weight.
     */
    record NamesMissing(double minCoverage) implements Gate {
        public static final String NAME = "names_missing";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return c.nameCoverage() >= minCoverage;
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            Set<String> missing = q.names().stream()
                    .filter(n -> !ExtractiveAnswerer.mentions(rejected.contextTerms(), n)
                            && !Acronyms.spelledOut(n, rejected.context()))
                    .collect(Collectors.toSet());
            List<String> words = q.wordsFor(missing);
            return words.isEmpty()
                    ? "no passage names what the question names"
                    : "no passage names " + Gate.list(words, "and");
        }
    }

    /**
     * The passage must state every year the question gives: "in 1825" added to a question, or a year swapped for
     * another, leaves every other word of the passage in place, and the answer would be about another time.
     * Years only: other numbers are often written another way ("5 million", "5,000,000"), and on SciFact train
     * requiring them too refused seven claims in a hundred more.
     */
    record YearsMissing() implements Gate {
        public static final String NAME = "years_missing";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return c.contextTerms().containsAll(q.years());
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            List<String> missing = q.years().stream().filter(n -> !rejected.contextTerms().contains(n)).toList();
            return "no passage found says " + Gate.list(missing, "or");
        }
    }

    /**
     * The passage must state every other number the question writes in digits, in any of the usual forms ("three"
     * for 3, "10,000" for 10000, "fifth" for 5th, "II" for 2, "1970s" for 70s): a question about Apollo 11 is not answered by a
     * passage about Apollo 8, nor one about the 95th century by a passage about the 19th. A claim to check is
     * not held to it: the passage that says 90% answers "10% of … happen in…" by refuting it.
     */
    record NumbersMissing() implements Gate {
        public static final String NAME = "numbers_missing";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return q.quantities().isEmpty() || q.claim() || missing(c, q).isEmpty();
        }

        private static List<String> missing(Candidate c, Asked q) {
            Set<String> stated = NumberForms.stated(c.contextTerms());
            return q.quantities().stream()
                    .filter(n -> !stated.contains(n) && !NumberForms.inRoman(n, c.context()))
                    .sorted().toList();
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return "no passage found says " + Gate.list(missing(rejected, q), "or");
        }
    }

    /**
     * A question that asks what is not so ("What river doesn't Warsaw straddle?") needs a passage that says
     * something is not: one that only says what is can name the opposite of the answer. A claim to check is exempt,
     * as for numbers; its negation is the support judge's to weigh.
     */
    record NegationMissing() implements Gate {
        public static final String NAME = "negation_missing";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return q.claim() || q.negation() == null || Negations.statedIn(c.context());
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return "the question asks what is not so (\u201c" + q.negation()
                    + "\u201d), and no passage found says that anything is not";
        }
    }

    /**
     * The passage must share with the question something besides its names and numbers, or the sentence must be
     * close to it in meaning (cosine at least {@code minSimilarity}): a question that keeps only a name of the
     * passage ("Who was the founder of the Teatr Wielki?" of a passage that lists the Teatr Wielki among venues)
     * asks about something the passage does not speak of, while a question in other words than the passage's is
     * still near it in meaning. The word the question asks for ("profession" in "What profession…") does not
     * count, since the answer names one instead; a claim to check is exempt, as for numbers. Without vectors there
     * is no way to judge meaning, and the sentence passes.
     */
    record OnlyNamesShared(double minSimilarity) implements Gate {
        public static final String NAME = "only_names_shared";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return q.rest().isEmpty() || q.claim() || q.rest().stream().anyMatch(c.contextTerms()::contains)
                    || !c.hasSimilarity() || c.similarity() >= minSimilarity;
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            List<String> words = q.wordsFor(q.rest());
            return "no passage that names it says anything about "
                    + Gate.list(words.isEmpty() ? q.rest().stream().sorted().toList() : words, "or");
        }
    }

    /** The sentence must hold the kind of answer asked for ({@link AnswerType}): a count for "how many", a date for "when". */
    record AnswerKind() implements Gate {
        public static final String NAME = "answer_kind";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) {
            return q.type().admits(c.sentence().text(), q.text());
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            String kind = switch (q.type().kind()) {
                case NUMBER -> "a number";
                case DURATION -> "a length of time";
                case AGE -> "an age";
                case DATE -> "a date or time";
                case THING, ANY -> "what is asked";
            };
            return "no passage found gives " + kind + " for it";
        }
    }

    /**
     * "Which hotel…" asked of a collection that never says hotel: only a sentence that names something the question
     * does not (a hotel's name), or that the word brings the question closer to by at least {@code minGain} (a
     * synonym), may answer. Without vectors there is no way to judge, and the sentence passes.
     */
    record UnknownFocus(double minGain) implements Gate {
        public static final String NAME = "unknown_focus";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) throws IOException {
            String focus = q.type().focus();
            if (focus == null || !q.absent().contains(focus)) {
                return true;
            }
            double gain = q.gainOf(Set.of(focus), c);
            return ExtractiveAnswerer.namesSomethingNew(c.sentence().text(), q.terms()) || Double.isNaN(gain)
                    || gain >= minGain;
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            List<String> words = q.wordsFor(Set.of(q.type().focus()));
            String word = words.isEmpty() ? q.type().focus() : words.get(0).toLowerCase(Locale.ROOT);
            return "the articles never use the word \"" + word + "\", and no passage found names one";
        }
    }

    /**
     * The sentence must back enough of the question: its words and its passage's cover {@code minSupport} of the
     * question's weight; or, when vectors were searched, its meaning is within {@code semanticSimilarity} while its
     * words still cover {@code semanticSupport}; or it is close in meaning or a paraphrase
     * ({@link Asked#closeInMeaning}, {@link Asked#paraphrasedBy}).
     */
    record SupportTooLow(double minSupport, double semanticSimilarity, double semanticSupport) implements Gate {
        public static final String NAME = "support_too_low";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) throws IOException {
            return c.support() >= minSupport
                    || (c.hasSimilarity() && c.similarity() >= semanticSimilarity && c.support() >= semanticSupport)
                    || q.closeInMeaning(c) || q.paraphrasedBy(c);
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return String.format(Locale.ROOT, "no passage says enough of what is asked (the closest sentence backs "
                    + "%.0f%% of the question, %.0f%% is needed)", 100 * rejected.support(), 100 * minSupport);
        }
    }

    /**
     * When words the collection never uses make up more than {@code maxShare} of the question's weight, what they
     * ask is likely not in the articles: only a sentence close in meaning, or one the question paraphrases, may
     * answer ({@link Asked#closeInMeaning}, {@link Asked#paraphrasedBy}).
     */
    record AbsentWords(double maxShare) implements Gate {
        public static final String NAME = "absent_words";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean passes(Candidate c, Asked q) throws IOException {
            return q.absentShare() <= maxShare || q.closeInMeaning(c) || q.paraphrasedBy(c);
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            List<String> words = q.wordsFor(q.absent()).stream().map(w -> "\u201c" + w + "\u201d").toList();
            return (words.isEmpty()
                    ? "much of the question is words the articles never use"
                    : "the articles never use " + Gate.list(words, "or"))
                    + ", and no passage found means the same";
        }
    }

    /**
     * The likeliest candidate must be likely enough to answer: its {@link AnswerScore} probability at least
     * {@code threshold}, the value training chose for a stated precision.
     */
    record LowConfidence(double threshold) implements Gate {
        public static final String NAME = "low_confidence";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String detail(Candidate rejected, Asked q) {
            return "no passage found answers it with confidence";
        }

        /** The detail, with the likeliest sentence's probability. */
        public String detail(double probability) {
            return String.format(Locale.ROOT, "no passage found answers it with confidence (the likeliest sentence "
                    + "scores %.2f, %.2f is needed)", probability, threshold);
        }
    }

    /** "a", "a and b", "a, b and c". */
    private static String list(List<String> items, String and) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + and + " " + items.getLast();
    }
}
