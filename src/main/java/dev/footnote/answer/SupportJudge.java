package dev.footnote.answer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a passage supports a sentence, as a probability: the check of a language model's sentence against the
 * passage it cites.
 *
 * <p>Hard rules come first, where a wrong answer is cheap to see and costly to let through: every name (a
 * capitalised word: people, organisations, places, months, days) and every number (years too) the sentence
 * states must be in the passage or its heading ({@link Rule#NAMES}, {@link Rule#NUMBERS}), and the name acting
 * on the sentence's main verb must be the one acting on it in the passage ({@link Rule#ROLES}: "Hamas has vowed
 * to launch an offensive" against "Netanyahu has vowed to launch an offensive"). A sentence that passes them is
 * weighed by a logistic model over {@link #FEATURES}: word overlap with the passage and its best sentence, word
 * order, names and numbers covered, a negation added or removed, whether the subjects agree, length, new words.
 *
 * <p>The model is trained by {@code footnote train-judge} with Tribuo and ships as its weights in
 * {@code support-judge.json}, applied here in plain Java: a dozen numbers, so answers need neither Tribuo nor
 * its serialised model (protobuf) at run time, and the file can be read and diffed. Its threshold was chosen on
 * the training pairs for a stated precision ({@link Model#precision}).
 */
public final class SupportJudge {

    /** The features the model weighs, in the order of its weights; each lies in [0, 1]. */
    public static final List<String> FEATURES = List.of("overlap", "best_sentence", "bigrams", "broken_pairs",
            "order", "names", "numbers", "negation_added", "negation_removed", "subject_match", "subject_conflict",
            "name_context", "length", "new_words");

    /** The hard rules, each of which rejects a sentence whatever the model says. */
    public enum Rule {
        /** A name the sentence states is not in the passage. */
        NAMES,
        /** A number the sentence states is not in the passage. */
        NUMBERS,
        /** Another name acts on the sentence's verb in the passage. */
        ROLES
    }

    /**
     * The learned model: a weight per feature, the bias, and the probability from which a sentence is supported.
     *
     * @param precision the share of accepted training pairs that were supported at {@code threshold}
     */
    public record Model(List<String> features, List<Double> weights, double bias, double threshold, double precision,
            String trainedOn) {

        public Model {
            features = List.copyOf(features);
            weights = List.copyOf(weights);
            if (!features.equals(FEATURES) || weights.size() != FEATURES.size()) {
                throw new IllegalArgumentException("the model's features are " + features + ", not " + FEATURES);
            }
        }
    }

    /** A verdict: the model's probability, whether the sentence stands, the hard rules it breaks, its features. */
    public record Verdict(double probability, boolean supported, Set<Rule> broken, List<Double> features) {

        public Verdict {
            features = List.copyOf(features);
        }

        /** The features as the model's input. */
        public double[] values() {
            return features.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /** A passage analysed once, however many sentences are judged against it. */
    public static final class Evidence {
        private final List<List<Token>> sentences;
        private final Set<String> stems = new HashSet<>();
        private final Set<String> numbers = new HashSet<>();
        /** Per sentence (the heading last): its terms, and its pairs of words in order (see below). */
        private final List<Set<String>> sentenceStems = new ArrayList<>();
        private final List<Set<String>> bigrams = new ArrayList<>();
        private final String text;

        private Evidence(List<String> sentences, String heading) {
            this.sentences = sentences.stream().map(SupportJudge::tokens).toList();
            List<List<Token>> all = new ArrayList<>(this.sentences);
            all.add(tokens(heading));
            for (List<Token> s : all) {
                Set<String> own = new HashSet<>();
                Set<String> pairs = new HashSet<>();
                sentenceStems.add(own);
                bigrams.add(pairs);
                List<String> content = new ArrayList<>();
                List<Integer> at = new ArrayList<>();
                int position = 0;
                Token previous = null;
                for (Token t : s) {
                    if (t.stem() != null) {
                        stems.add(t.stem());
                        own.add(t.stem());
                        content.add(t.stem());
                        // A name of several words ("President Recep Tayyip Erdogan") takes one place.
                        if (!(t.name() && previous != null && previous.name())) {
                            position++;
                        }
                        at.add(position);
                    }
                    if (t.number() != null) {
                        numbers.add(t.number());
                    }
                    previous = t;
                }
                // A pair of words stands when the second follows the first within four places: a restatement
                // leaves words out.
                for (int i = 0; i < content.size(); i++) {
                    for (int j = i + 1; j < content.size() && at.get(j) - at.get(i) <= 4; j++) {
                        pairs.add(content.get(i) + " " + content.get(j));
                    }
                }
            }
            this.text = String.join(" ", sentences) + " " + heading;
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** Words, numbers ("34,622", "1.5") and the punctuation that ends a clause. */
    private static final Pattern TOKEN = Pattern.compile(
            "\\d+(?:[.,]\\d+)*|[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}]*(?:['\u2019][\\p{L}]+)?|[,;:()\\u2013\\u2014]");
    /** Words that start a sentence with a capital letter without being a name. */
    private static final Set<String> OPENERS = Set.of("around", "about", "almost", "nearly", "roughly", "some",
            "most", "many", "several", "both", "each", "every", "other", "another", "such", "following", "after",
            "before", "during", "since", "while", "although", "though", "however", "despite", "because", "under",
            "over", "between", "among", "according", "sources", "reports", "officials", "experts", "researchers",
            "studies", "here", "there", "these", "those", "yet", "still", "also", "only", "even", "just", "earlier",
            "later", "meanwhile", "instead", "today", "yesterday", "overall", "together", "first", "second",
            "finally", "thus", "therefore", "hence", "moreover", "furthermore", "additionally", "people",
            "patients", "children", "women", "men", "cells", "mice", "data", "results", "less", "more", "fewer");
    /** Words between a name and its verb that say the name is not the one acting ("he", "who", "which"). */
    private static final Set<String> BREAKS = Set.of("he", "she", "they", "it", "who", "which", "whom", "whose",
            "that", "we", "i", "you", "him", "her", "them", "where", "when", "whereas", "while", "by");
    private static final Set<String> PASSIVE = Set.of("be", "been", "being", "is", "are", "was", "were");
    private static final Map<String, String> SPELLED = Map.ofEntries(Map.entry("two", "2"), Map.entry("three", "3"),
            Map.entry("four", "4"), Map.entry("five", "5"), Map.entry("six", "6"), Map.entry("seven", "7"),
            Map.entry("eight", "8"), Map.entry("nine", "9"), Map.entry("ten", "10"), Map.entry("eleven", "11"),
            Map.entry("twelve", "12"), Map.entry("twenty", "20"), Map.entry("thirty", "30"), Map.entry("forty", "40"),
            Map.entry("fifty", "50"), Map.entry("hundred", "100"));

    private final Model model;
    private final Set<Rule> rules;
    private final double[] weights;

    private SupportJudge(Model model, Set<Rule> rules) {
        this.model = model;
        this.rules = rules.isEmpty() ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(rules);
        this.weights = model.weights().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A judge with {@code model} and the hard rules given. */
    public static SupportJudge of(Model model, Set<Rule> rules) {
        return new SupportJudge(model, rules);
    }

    /** The judge as shipped: the trained model and every hard rule. */
    public static SupportJudge standard() {
        return Shipped.JUDGE;
    }

    /** Loaded on first use: the model as the jar ships it. */
    private static final class Shipped {
        static final SupportJudge JUDGE = new SupportJudge(read(), EnumSet.allOf(Rule.class));

        private static Model read() {
            try (InputStream in = SupportJudge.class.getResourceAsStream("support-judge.json")) {
                if (in == null) {
                    throw new IllegalStateException("support-judge.json is missing from the jar");
                }
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Reads a model as {@code footnote train-judge} writes it. */
    public static Model parse(byte[] json) throws IOException {
        return MAPPER.readValue(json, Model.class);
    }

    /** Writes a model as the jar ships it. */
    public static String write(Model model) throws IOException {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(model) + "\n";
    }

    public Model model() {
        return model;
    }

    /** A passage (its sentences and heading) analysed for judging. */
    public static Evidence evidence(List<String> sentences, String heading) {
        return new Evidence(sentences, heading == null ? "" : heading);
    }

    /** How likely {@code evidence} supports {@code claim}, and whether it does. */
    public Verdict judge(String claim, Evidence evidence) {
        List<Token> said = tokens(claim);
        Set<Rule> broken = EnumSet.noneOf(Rule.class);
        double[] x = features(said, evidence, broken);
        double z = model.bias();
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        double p = 1 / (1 + Math.exp(-z));
        Verdict v = new Verdict(p, false, broken, Arrays.stream(x).boxed().toList());
        return new Verdict(p, accepts(v, rules, model.threshold()), broken, v.features());
    }

    /**
     * Whether a verdict stands with these rules and this threshold. Besides the model's probability, a plain
     * restatement stands: most of its words in the passage, no negation added or lost, every name beside the
     * words it has in the passage. The pairs the model learns from restate a sentence in its own order, while a
     * model often turns a clause around ("34622 Palestinians have been martyred in the war" for "the war that
     * has martyred 34622 Palestinians"), which breaks word pairs without changing who did what.
     */
    public static boolean accepts(Verdict v, Set<Rule> rules, double threshold) {
        if (v.broken().stream().anyMatch(rules::contains)) {
            return false;
        }
        List<Double> x = v.features();
        boolean plain = x.get(0) >= 0.75 && x.get(7) == 0 && x.get(8) == 0 && x.get(10) == 0 && x.get(11) == 1;
        return v.probability() >= threshold || plain;
    }

    // ------------------------------------------------------------------ analysis

    /** A word of a sentence: its analysed term (null for a stop word), whether it is a name, its number. */
    record Token(String word, String stem, boolean name, String number, boolean negation, boolean punctuation) {
    }

    static List<Token> tokens(String sentence) {
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(sentence);
        while (m.find()) {
            words.add(m.group());
        }
        Set<String> lower = new HashSet<>();
        for (int i = 1; i < words.size(); i++) {
            if (Character.isLowerCase(words.get(i).charAt(0))) {
                lower.add(words.get(i));
            }
        }
        List<Token> out = new ArrayList<>(words.size());
        boolean first = true;
        for (String w : words) {
            char c = w.charAt(0);
            if (!Character.isLetterOrDigit(c)) {
                out.add(new Token(w, null, false, null, false, true));
                continue;
            }
            if (Character.isDigit(c)) {
                String n = w.replaceAll(",(?=\\d{3}\\b)", "").replaceAll("[.,]$", "");
                out.add(new Token(w, n, false, n, false, false));
                first = false;
                continue;
            }
            String l = w.toLowerCase(Locale.ROOT);
            boolean negation = Negations.negates(l);
            List<String> terms = TextAnalysis.terms(w);
            String stem = terms.isEmpty() || negation ? null : terms.get(0);
            boolean capital = Character.isUpperCase(c) || (!w.equals(l) && w.length() > 1);
            boolean name = capital && stem != null
                    && !(first && (OPENERS.contains(l) || l.endsWith("ly") || lower.contains(l)));
            String number = SPELLED.get(l);
            out.add(new Token(w, stem, name, number, negation, false));
            first = false;
        }
        return out;
    }

    private double[] features(List<Token> said, Evidence e, Set<Rule> broken) {
        Set<String> stems = new LinkedHashSet<>();
        List<String> content = new ArrayList<>();
        int names = 0;
        int namesIn = 0;
        int numbers = 0;
        int numbersIn = 0;
        for (Token t : said) {
            if (t.stem() != null) {
                stems.add(t.stem());
                content.add(t.stem());
            }
            if (t.name()) {
                names++;
                if (e.stems.contains(t.stem()) || Acronyms.spelledOut(t.word(), e.text)) {
                    namesIn++;
                }
            }
            if (t.number() != null) {
                numbers++;
                if (e.numbers.contains(t.number())) {
                    numbersIn++;
                }
            }
        }
        if (namesIn < names) {
            broken.add(Rule.NAMES);
        }
        if (numbersIn < numbers) {
            broken.add(Rule.NUMBERS);
        }
        // The passage's sentence that shares the most words: what the claim restates.
        List<Token> best = List.of();
        int bestShared = -1;
        int bestAt = -1;
        for (int k = 0; k < e.sentences.size(); k++) {
            List<Token> s = e.sentences.get(k);
            int n = 0;
            Set<String> seen = new HashSet<>();
            for (Token t : s) {
                if (t.stem() != null && stems.contains(t.stem()) && seen.add(t.stem())) {
                    n++;
                }
            }
            if (n > bestShared) {
                best = s;
                bestShared = n;
                bestAt = k;
            }
        }
        Set<String> bestStems = bestAt < 0 ? Set.of() : e.sentenceStems.get(bestAt);
        Set<String> bestPairs = bestAt < 0 ? Set.of() : e.bigrams.get(bestAt);
        int inPassage = 0;
        for (String s : stems) {
            if (e.stems.contains(s)) {
                inPassage++;
            }
        }
        // Consecutive words of the claim that its best sentence has, skipping the words it lacks (a synonym, or a
        // name taken from another sentence of the passage, breaks no pair): a phrase moved breaks a pair at each
        // end, two names swapped break two pairs each.
        int pairs = 0;
        int pairsIn = 0;
        String previous = null;
        for (String c : content) {
            if (!bestStems.contains(c)) {
                continue;
            }
            if (previous != null && !previous.equals(c)) {
                pairs++;
                if (bestPairs.contains(previous + " " + c)) {
                    pairsIn++;
                }
            }
            previous = c;
        }
        int subject = subject(said, e);
        if (subject < 0) {
            broken.add(Rule.ROLES);
        }
        long bestContent = best.stream().filter(t -> t.stem() != null).count();
        double size = Math.max(1, stems.size());
        return new double[]{
                inPassage / size,
                Math.max(0, bestShared) / size,
                pairs == 0 ? 1 : (double) pairsIn / pairs,
                Math.min(1, (pairs - pairsIn) / 4.0),
                order(content, best),
                names == 0 ? 1 : (double) namesIn / names,
                numbers == 0 ? 1 : (double) numbersIn / numbers,
                negatedBeyond(said, best) ? 1 : 0,
                negatedBeyond(best, said) ? 1 : 0,
                subject > 0 ? 1 : 0,
                subject < 0 ? 1 : 0,
                nameContext(said, best),
                bestContent == 0 ? 0 : Math.min(1, content.size() / (double) bestContent),
                Math.min(1, (stems.size() - inPassage) / 5.0)};
    }

    /**
     * The share of a claim's names whose nearest word on each side (in the same clause, no name, and one the
     * passage has) stands on the same side of that name in the passage, within four words: "Broncos defeated
     * Panthers" against "the Panthers defeated the Broncos" keeps neither. 1 when there is nothing to check.
     */
    private static double nameContext(List<Token> said, List<Token> best) {
        int checked = 0;
        int kept = 0;
        for (int i = 0; i < said.size(); i++) {
            Token t = said.get(i);
            if (!t.name() || (i + 1 < said.size() && said.get(i + 1).name())) {
                continue; // a name of several words is checked at its last word on the right, its first on the left
            }
            for (int side : new int[]{-1, 1}) {
                int at = i;
                if (side < 0) {
                    while (at > 0 && said.get(at - 1).name()) {
                        at--;
                    }
                }
                String near = neighbour(said, at, side);
                if (near == null || !has(best, near) || !has(best, t.stem())) {
                    continue; // a word or name from elsewhere in the passage says nothing of this sentence
                }
                checked++;
                Set<String> name = new HashSet<>();
                for (int k = at; k < said.size() && said.get(k).name(); k++) {
                    name.add(said.get(k).stem());
                }
                name.add(t.stem());
                // "34622 Palestinians have been martyred" restates "the war martyred 34622 Palestinians": before a
                // passive verb a name may stand on either side of it.
                if (nearIn(best, name, near, side) || (side > 0 && passiveAfter(said, i) && nearIn(best, name, near,
                        -side))) {
                    kept++;
                }
            }
        }
        return checked == 0 ? 1 : (double) kept / checked;
    }

    /** The first word on {@code side} of position {@code i} that is neither stop word nor name, within the clause. */
    private static String neighbour(List<Token> s, int i, int side) {
        int skipped = 0;
        for (int k = i + side; k >= 0 && k < s.size() && skipped < 3; k += side) {
            Token t = s.get(k);
            if (t.punctuation() || t.name()) {
                return null;
            }
            if (t.stem() != null) {
                return t.number() == null ? t.stem() : null;
            }
            skipped++;
        }
        return null;
    }

    /** Whether a form of "be" follows position {@code i} before the next word that is no stop word. */
    private static boolean passiveAfter(List<Token> s, int i) {
        for (int k = i + 1; k < s.size() && s.get(k).stem() == null && !s.get(k).punctuation(); k++) {
            if (PASSIVE.contains(s.get(k).word().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(List<Token> sentence, String stem) {
        for (Token t : sentence) {
            if (stem.equals(t.stem())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the best sentence has {@code word} within four words on {@code side} of one of the names. */
    private static boolean nearIn(List<Token> best, Set<String> name, String word, int side) {
        for (List<Token> s : List.of(best)) {
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).name() || !name.contains(s.get(i).stem())) {
                    continue;
                }
                int words = 0;
                for (int k = i + side; k >= 0 && k < s.size() && words < 4; k += side) {
                    Token t = s.get(k);
                    if (t.stem() == null || t.name()) {
                        continue;
                    }
                    if (t.stem().equals(word)) {
                        return true;
                    }
                    words++;
                }
            }
        }
        return false;
    }

    /** The share of pairs of shared words that come in the same order in the claim as in the sentence. */
    private static double order(List<String> claim, List<Token> sentence) {
        List<Integer> at = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String s : claim) {
            if (!seen.add(s)) {
                continue;
            }
            for (int i = 0; i < sentence.size(); i++) {
                if (s.equals(sentence.get(i).stem())) {
                    at.add(i);
                    break;
                }
            }
        }
        int pairs = 0;
        int same = 0;
        for (int i = 0; i < at.size(); i++) {
            for (int j = i + 1; j < at.size(); j++) {
                pairs++;
                if (at.get(i) < at.get(j)) {
                    same++;
                }
            }
        }
        return pairs == 0 ? 1 : (double) same / pairs;
    }

    /**
     * Whether {@code a} negates a word that {@code b} states without negation: the words a negation governs are
     * the next three after it in its clause.
     */
    private static boolean negatedBeyond(List<Token> a, List<Token> b) {
        Set<String> negatedA = negated(a);
        if (negatedA.isEmpty()) {
            return false;
        }
        Set<String> negatedB = negated(b);
        for (Token t : b) {
            if (t.stem() != null && negatedA.contains(t.stem()) && !negatedB.contains(t.stem())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> negated(List<Token> s) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            if (!s.get(i).negation()) {
                continue;
            }
            int taken = 0;
            for (int j = i + 1; j < s.size() && taken < 3 && !s.get(j).punctuation(); j++) {
                if (s.get(j).stem() != null) {
                    out.add(s.get(j).stem());
                    taken++;
                }
            }
        }
        return out;
    }

    /**
     * Whether the name acting on the claim's verb is the one acting on it in the passage: 1 when it is, -1 when
     * another name is and the claim's is in the passage too, 0 when it cannot be told. The verb is the first word
     * after the claim's first name that the passage shares and that is no name; the one acting on it is the name
     * right before it, with only stop words between (a pronoun, relative word, comma or passive "by" says
     * nothing).
     */
    private static int subject(List<Token> said, Evidence e) {
        int firstName = -1;
        for (int i = 0; i < said.size(); i++) {
            if (said.get(i).name()) {
                firstName = i;
                break;
            }
        }
        if (firstName < 0) {
            return 0;
        }
        int verb = -1;
        for (int i = firstName + 1; i < said.size(); i++) {
            Token t = said.get(i);
            if (t.punctuation()) {
                return 0;
            }
            if (t.stem() != null && !t.name() && t.number() == null && e.stems.contains(t.stem())) {
                verb = i;
                break;
            }
        }
        if (verb < 0 || followedByBy(said, verb)) {
            return 0;
        }
        Set<String> actor = actor(said, verb);
        if (actor.isEmpty() || !e.stems.containsAll(actor)) {
            return 0;
        }
        String stem = said.get(verb).stem();
        int result = 0;
        for (List<Token> s : e.sentences) {
            for (int i = 0; i < s.size(); i++) {
                if (!stem.equals(s.get(i).stem()) || followedByBy(s, i)) {
                    continue;
                }
                Set<String> other = actor(s, i);
                if (other.isEmpty()) {
                    continue;
                }
                if (other.stream().anyMatch(actor::contains)) {
                    return 1;
                }
                result = -1;
            }
        }
        return result;
    }

    /** The stems of the name right before {@code verb}, with only stop words between; empty when there is none. */
    private static Set<String> actor(List<Token> s, int verb) {
        int i = verb - 1;
        while (i >= 0 && s.get(i).stem() == null && !s.get(i).punctuation()
                && !BREAKS.contains(s.get(i).word().toLowerCase(Locale.ROOT))) {
            i--;
        }
        Set<String> name = new HashSet<>();
        while (i >= 0 && s.get(i).name()) {
            name.add(s.get(i).stem());
            i--;
        }
        return name;
    }

    private static boolean followedByBy(List<Token> s, int i) {
        return i + 1 < s.size() && s.get(i + 1).word().equalsIgnoreCase("by");
    }
}
