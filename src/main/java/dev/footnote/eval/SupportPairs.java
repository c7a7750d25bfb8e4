package dev.footnote.eval;

import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.text.TextAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pairs of a claim and a passage for training and measuring the support judge, made from a collection's own
 * text: a sentence of a passage stands for a model's faithful sentence, reworded the ways a model rewords
 * (shortened, synonyms, a phrase moved); the same sentence with its subject and object swapped, a name, number or
 * date replaced by one of the same kind from elsewhere in the collection, or a negation added or removed is a
 * claim the passage does not support.
 */
public final class SupportPairs {

    /** How a claim was made from its sentence. */
    public enum Kind {
        VERBATIM(true), SHORTENED(true), REWORDED(true), REORDERED(true), SWAPPED(false), NAME(false), NUMBER(
                false), DATE(false), NEGATION_ADDED(false), NEGATION_REMOVED(false), OTHER_PASSAGE(false);

        private final boolean supported;

        Kind(boolean supported) {
            this.supported = supported;
        }

        public boolean supported() {
            return supported;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A claim, the passage it is judged against (its sentences and heading), and the article it comes from. */
    public record Pair(String article, Kind kind, String claim, List<String> sentences, String heading) {

        public Pair {
            sentences = List.copyOf(sentences);
        }

        public boolean supported() {
            return kind.supported();
        }
    }

    /** What replacements are drawn from: the names, numbers and dates of a collection. */
    public record Pool(List<String> names, List<String> numbers, List<String> years) {

        public Pool {
            names = List.copyOf(names);
            numbers = List.copyOf(numbers);
            years = List.copyOf(years);
        }

        /** The names, numbers and years of these passages, each once, in order of first use. */
        public static Pool of(List<Passage> passages) {
            Set<String> names = new LinkedHashSet<>();
            Set<String> numbers = new LinkedHashSet<>();
            Set<String> years = new LinkedHashSet<>();
            for (Passage p : passages) {
                for (Sentence s : p.sentences()) {
                    for (Span n : SupportPairs.names(s.text())) {
                        if (!MONTHS.contains(n.text()) && !DAYS.contains(n.text())) {
                            names.add(n.text());
                        }
                    }
                    Matcher m = NUMBER.matcher(s.text());
                    while (m.find()) {
                        (YEAR.matcher(m.group()).matches() ? years : numbers).add(m.group());
                    }
                }
            }
            return new Pool(List.copyOf(names), List.copyOf(numbers), List.copyOf(years));
        }
    }

    private static final Pattern NAME = Pattern.compile(
            "\\b\\p{Lu}[\\p{L}\\p{M}\\p{N}'\u2019.-]*(?:\\s+\\p{Lu}[\\p{L}\\p{M}\\p{N}'\u2019.-]*)*");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d.,])\\d+(?:[.,]\\d+)*(?![\\p{L}\\d])");
    private static final Pattern YEAR = Pattern.compile("1[0-9]{3}|20[0-9]{2}");
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final List<String> DAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday");
    /** Words that often start a sentence and are no name. */
    private static final Set<String> COMMON_OPENERS = Set.of("around", "about", "after", "before", "during", "since",
            "while", "although", "though", "however", "despite", "because", "most", "many", "some", "several", "each",
            "every", "both", "other", "another", "following", "according", "under", "over", "between", "among",
            "here", "yet", "still", "even", "only", "also", "later", "earlier", "today", "from", "when", "where",
            "what", "how", "why", "who", "its", "his", "her", "our", "we", "he", "she", "you", "one", "two", "three",
            "unlike", "like", "within", "without", "through", "throughout", "upon", "once", "all", "any", "more", "my",
            "insofar", "indeed", "thus", "instead", "meanwhile", "moreover", "whether", "until", "unless");
    private static final Pattern AUXILIARY = Pattern.compile(
            "\\b(is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|does|do|did)\\b(?! not\\b)");
    private static final Pattern PAST_VERB = Pattern.compile("\\b(?!\\p{Lu})\\p{L}{3,}ed\\b");
    private static final Pattern NEGATION = Pattern.compile("\\b(?:not|never) |(?<=\\p{L})n't\\b|\\bcannot\\b");
    private static final Pattern LEADING_PHRASE = Pattern.compile(
            "^(In|On|At|During|After|Before|Since|By|From|Following|Under|Within|Throughout) ([^,]{2,40}), (.+?)([.!?]?)$");
    private static final Pattern TRAILING_PHRASE = Pattern.compile(
            "^(.{20,}?) (in|on|at|during|after|before|since) ((?:the )?[\\p{L}\\d ,'-]{2,40}?)([.!?]?)$");
    /**
     * Words models use for the article's, in the spirit of the project's paraphrase sets ("a big win" for "a huge
     * victory", "crossing point" for "checkpoint", "spy chief" for "head of intelligence").
     */
    private static final Map<String, String> SYNONYMS = synonyms("said=stated", "says=states", "about=around",
            "approximately=about", "large=big", "big=large", "huge=enormous", "victory=win", "began=started",
            "begin=start", "started=began", "help=assist", "helped=assisted", "showed=demonstrated",
            "shows=demonstrates", "show=demonstrate", "used=employed", "use=employ", "many=numerous",
            "important=significant", "significant=important", "built=constructed", "bought=purchased",
            "received=got", "receive=get", "main=principal", "major=main", "called=named", "located=situated",
            "more than=over", "however=but", "because=since", "although=though", "increase=rise",
            "increased=rose", "decrease=fall", "decreased=fell", "allow=permit", "allowed=permitted",
            "following=after", "prior to=before", "attempt=try", "attempted=tried", "obtain=get", "obtained=got",
            "require=need", "required=needed", "reported=said", "announced=declared", "vowed=pledged",
            "talks=negotiations", "leader=head", "checkpoint=crossing point", "often=frequently",
            "typically=usually", "usually=typically", "largest=biggest", "biggest=largest", "small=little",
            "quickly=rapidly", "rapidly=quickly", "end=finish", "ended=finished", "several=a number of",
            "produce=make", "produced=made", "associated with=linked to", "linked to=associated with",
            "reduced=lowered", "reduces=lowers", "reduce=lower", "caused=led to", "causes=leads to",
            "resulted in=led to", "died=passed away", "killed=slain", "fought=battled", "won=took",
            "created=made", "established=set up", "founded=set up", "consists of=is made up of",
            "contains=holds", "contain=hold", "included=comprised", "includes=comprises");

    private static final Map<String, Pattern> WORDS = SYNONYMS.keySet().stream().collect(
            java.util.stream.Collectors.toMap(w -> w,
                    w -> Pattern.compile("\\b" + Pattern.quote(w) + "\\b", Pattern.CASE_INSENSITIVE)));

    private final Pool pool;
    private final Random random;

    /** Draws replacements from {@code pool}, and chooses with a generator seeded by {@code seed}. */
    public SupportPairs(Pool pool, long seed) {
        this.pool = pool;
        this.random = new Random(seed);
    }

    private static Map<String, String> synonyms(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            String[] kv = p.split("=", 2);
            m.putIfAbsent(kv[0], kv[1]);
        }
        return m;
    }

    /** The pairs made from up to {@code perPassage} sentences of each of an article's passages. */
    public List<Pair> pairs(String article, List<Passage> passages, int perPassage) {
        List<Pair> out = new ArrayList<>();
        for (Passage p : passages) {
            List<String> sentences = p.sentences().stream().map(Sentence::text).toList();
            List<String> usable = new ArrayList<>(
                    sentences.stream().filter(s -> words(s) >= 6 && words(s) <= 60).toList());
            java.util.Collections.shuffle(usable, random);
            for (String s : usable.subList(0, Math.min(perPassage, usable.size()))) {
                out.addAll(pairs(article, s, sentences, p.heading()));
            }
            // A citation of the wrong passage: a sentence of another passage of the same article, on the same
            // subject and often with the same names, that this passage does not hold.
            List<String> others = passages.stream()
                    .filter(o -> java.util.Collections.disjoint(o.sentences(), p.sentences()))
                    .flatMap(o -> o.sentences().stream()).map(Sentence::text)
                    .filter(s -> words(s) >= 6 && words(s) <= 60).toList();
            if (!others.isEmpty() && !usable.isEmpty()) {
                out.add(new Pair(article, Kind.OTHER_PASSAGE, others.get(random.nextInt(others.size())), sentences,
                        p.heading()));
            }
        }
        return out;
    }

    /** The pairs made from one sentence of a passage. */
    public List<Pair> pairs(String article, String sentence, List<String> passage, String heading) {
        String context = String.join(" ", passage) + " " + heading;
        Map<Kind, String> supported = new LinkedHashMap<>();
        supported.put(Kind.VERBATIM, sentence);
        put(supported, Kind.SHORTENED, shortened(sentence));
        put(supported, Kind.REWORDED, reworded(sentence));
        put(supported, Kind.REORDERED, reordered(sentence));
        List<Pair> out = new ArrayList<>();
        supported.forEach((k, claim) -> out.add(new Pair(article, k, claim, passage, heading)));
        // Each perturbation changes one of the supported versions, so rewording says nothing of support.
        List<String> bases = List.copyOf(supported.values());
        for (Kind k : List.of(Kind.SWAPPED, Kind.NAME, Kind.NUMBER, Kind.DATE, Kind.NEGATION_ADDED,
                Kind.NEGATION_REMOVED)) {
            String base = bases.get(random.nextInt(bases.size()));
            String claim = perturbed(k, base, context);
            if (claim == null && !base.equals(sentence)) {
                claim = perturbed(k, sentence, context);
            }
            if (claim != null && !claim.equals(base)) {
                out.add(new Pair(article, k, claim, passage, heading));
            }
        }
        return out;
    }

    private static void put(Map<Kind, String> m, Kind k, String claim) {
        if (claim != null && !m.containsValue(claim)) {
            m.put(k, claim);
        }
    }

    private String perturbed(Kind k, String s, String context) {
        return switch (k) {
            case SWAPPED -> swapped(s);
            case NAME -> replacedName(s, context);
            case NUMBER -> replacedNumber(s, context, false);
            case DATE -> replacedDate(s, context);
            case NEGATION_ADDED -> negated(s);
            case NEGATION_REMOVED -> unnegated(s);
            default -> throw new IllegalArgumentException(k.name());
        };
    }

    // ------------------------------------------------------------------ supported rewordings

    /** The sentence up to a comma, or without a leading phrase that ends in one, when enough of it is left. */
    static String shortened(String s) {
        String body = s.replaceAll("[.!?]+[\"'\u201d\u2019]*$", "");
        int comma = body.indexOf(", ");
        while (comma >= 0) {
            String head = body.substring(0, comma);
            String tail = body.substring(comma + 2);
            String last = head.substring(head.lastIndexOf(' ') + 1);
            if (words(head) >= 6 && words(tail) >= 3 && !head.contains("(") && balancedQuotes(head)
                    && !isStopWord(last) && !last.endsWith("ly")) {
                return head + ".";
            }
            if (words(head) <= 6 && words(tail) >= 6 && comma == body.indexOf(", ") && balancedQuotes(tail)
                    && !Character.isDigit(tail.charAt(0))) {
                return capitalised(tail) + ".";
            }
            comma = body.indexOf(", ", comma + 2);
        }
        // A parenthesis is a detail a short restatement leaves out.
        String plain = s.replaceAll(" \\([^()]*\\)", "");
        return plain.equals(s) ? null : plain;
    }

    /** The sentence with some of its words replaced by synonyms, or {@code null} when none applies. */
    String reworded(String s) {
        List<String> found = new ArrayList<>();
        for (String w : SYNONYMS.keySet()) {
            if (WORDS.get(w).matcher(s).find()) {
                found.add(w);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        java.util.Collections.shuffle(found, random);
        String out = s;
        for (String w : found.subList(0, Math.min(2, found.size()))) {
            Matcher m = WORDS.get(w).matcher(out);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                if (m.start() > 0 && Character.isUpperCase(m.group().charAt(0))) {
                    continue; // part of a name ("the Big Three")
                }
                String to = SYNONYMS.get(w);
                if (Character.isUpperCase(m.group().charAt(0))) {
                    to = capitalised(to);
                }
                m.appendReplacement(b, Matcher.quoteReplacement(to));
            }
            m.appendTail(b);
            out = b.toString();
        }
        return out;
    }

    /** A leading phrase moved to the end ("In 1990, X did Y." → "X did Y in 1990."), or a trailing one to the front. */
    static String reordered(String s) {
        Matcher lead = LEADING_PHRASE.matcher(s);
        if (lead.matches()) {
            String rest = lead.group(3);
            return capitalised(rest) + " " + lead.group(1).toLowerCase(Locale.ROOT) + " " + lead.group(2)
                    + (lead.group(4).isEmpty() ? "." : lead.group(4));
        }
        Matcher trail = TRAILING_PHRASE.matcher(s);
        if (trail.matches() && !trail.group(3).contains(",") && words(trail.group(1)) >= 4
                && !trail.group(1).endsWith(",") && !trail.group(1).endsWith("ly")) {
            String head = trail.group(1);
            boolean keepCapital = !isStopWord(head.split(" ", 2)[0]);
            return capitalised(trail.group(2)) + " " + trail.group(3) + ", "
                    + (keepCapital ? head : decapitalised(head)) + (trail.group(4).isEmpty() ? "." : trail.group(4));
        }
        return null;
    }

    // ------------------------------------------------------------------ perturbations

    /** The sentence's subject (its first name) and object (the next name after a verb) swapped. */
    static String swapped(String s) {
        List<Span> names = names(s);
        if (names.size() < 2) {
            return null;
        }
        Span subject = names.get(0);
        for (Span object : names.subList(1, names.size())) {
            String between = s.substring(subject.end(), object.start());
            // A verb between them, not a list ("NBC and CBS": swapping those changes nothing).
            boolean verbBetween = !TextAnalysis.terms(between.replaceAll("\\b\\p{Lu}\\S*", " ")).isEmpty();
            boolean listed = Pattern.compile("(?:,|\\band|\\bor)\\s+(?:the\\s+)?$").matcher(between).find();
            if (!verbBetween || listed || isDate(subject.text()) || isDate(object.text())
                    || !java.util.Collections.disjoint(TextAnalysis.termSet(subject.text()),
                            TextAnalysis.termSet(object.text()))) {
                continue;
            }
            return s.substring(0, subject.start()) + object.text() + between + subject.text()
                    + s.substring(object.end());
        }
        return null;
    }

    /** A name replaced by another of as many words from the pool that the passage does not hold. */
    String replacedName(String s, String context) {
        List<Span> names = new ArrayList<>(names(s).stream().filter(n -> !isDate(n.text())).toList());
        if (names.isEmpty()) {
            return null;
        }
        Span n = names.get(random.nextInt(names.size()));
        int size = n.text().split("\\s+").length;
        Set<String> held = TextAnalysis.termSet(context);
        // Names of as many words, drawn at random until one is not in the passage.
        for (int tries = 0; tries < 200 && !pool.names().isEmpty(); tries++) {
            String o = pool.names().get(random.nextInt(pool.names().size()));
            if (o.split("\\s+").length == size && !o.equalsIgnoreCase(n.text()) && !mentions(context, held, o)) {
                return s.substring(0, n.start()) + o + s.substring(n.end());
            }
        }
        return null;
    }

    /** A number (not a year) replaced by one from the pool the passage does not hold. */
    String replacedNumber(String s, String context, boolean years) {
        List<int[]> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            if (YEAR.matcher(m.group()).matches() == years) {
                found.add(new int[]{m.start(), m.end()});
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        int[] at = found.get(random.nextInt(found.size()));
        Set<String> held = numbers(context);
        List<String> others = (years ? pool.years() : pool.numbers()).stream()
                .filter(o -> !held.contains(o.replace(",", ""))).toList();
        if (others.isEmpty()) {
            return null;
        }
        return s.substring(0, at[0]) + others.get(random.nextInt(others.size())) + s.substring(at[1]);
    }

    /** A year, month or day of the week replaced by another the passage does not hold. */
    String replacedDate(String s, String context) {
        for (List<String> names : List.of(MONTHS, DAYS)) {
            for (String n : names) {
                Matcher m = Pattern.compile("\\b" + n + "\\b").matcher(s);
                if (m.find()) {
                    Set<String> held = TextAnalysis.termSet(context);
                    List<String> others = names.stream().filter(o -> !mentions(context, held, o)).toList();
                    if (!others.isEmpty()) {
                        return s.substring(0, m.start()) + others.get(random.nextInt(others.size()))
                                + s.substring(m.end());
                    }
                }
            }
        }
        return replacedNumber(s, context, true);
    }

    /** "not" after the first auxiliary, or "never" before the first past-tense verb. */
    static String negated(String s) {
        if (NEGATION.matcher(s).find()) {
            return null;
        }
        Matcher aux = AUXILIARY.matcher(s);
        if (aux.find()) {
            return s.substring(0, aux.end()) + " not" + s.substring(aux.end());
        }
        Matcher verb = PAST_VERB.matcher(s);
        if (verb.find() && verb.start() > 0) {
            return s.substring(0, verb.start()) + "never " + s.substring(verb.start());
        }
        return null;
    }

    /** The sentence without its negation, or {@code null} when it has none. */
    static String unnegated(String s) {
        Matcher m = NEGATION.matcher(s);
        if (!m.find()) {
            return null;
        }
        String neg = m.group();
        String replacement = neg.equals("cannot") ? "can" : "";
        return s.substring(0, m.start()) + replacement + s.substring(m.end());
    }

    // ------------------------------------------------------------------ text

    /** A name in a sentence: capitalised words in a row, the first word only when it is no stop word. */
    record Span(String text, int start, int end) {
    }

    static List<Span> names(String s) {
        List<Span> out = new ArrayList<>();
        Matcher m = NAME.matcher(s);
        while (m.find()) {
            String text = m.group().replaceAll("[.'\u2019-]+$", "");
            int start = m.start();
            if (start == 0) {
                // The first word is capitalised anyway: a name only when it is no common word.
                String[] w = text.split("\\s+", 2);
                String first = w[0].toLowerCase(Locale.ROOT);
                if (isStopWord(w[0]) || first.endsWith("ly") || COMMON_OPENERS.contains(first)
                        || s.startsWith(w[0] + ",")) {
                    if (w.length == 1) {
                        continue;
                    }
                    start = text.indexOf(w[1]);
                    text = w[1];
                }
            }
            if (!text.isEmpty()) {
                out.add(new Span(text, start, start + text.length()));
            }
        }
        return out;
    }

    private static boolean isStopWord(String w) {
        return TextAnalysis.terms(w).isEmpty();
    }

    private static boolean isDate(String name) {
        return MONTHS.contains(name) || DAYS.contains(name);
    }

    /** Whether the passage ({@code context}, its terms {@code held}) names {@code name} or any word of it. */
    private static boolean mentions(String context, Set<String> held, String name) {
        return Pattern.compile("\\b" + Pattern.quote(name) + "\\b", Pattern.CASE_INSENSITIVE).matcher(context).find()
                || !java.util.Collections.disjoint(held, TextAnalysis.termSet(name));
    }

    private static Set<String> numbers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            out.add(m.group().replace(",", ""));
        }
        return out;
    }

    private static boolean balancedQuotes(String s) {
        return s.chars().filter(c -> c == '"').count() % 2 == 0;
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String decapitalised(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
