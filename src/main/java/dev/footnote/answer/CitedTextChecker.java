package dev.footnote.answer;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import dev.footnote.corpus.SentenceSplitter;
import dev.footnote.retrieve.SearchHit;
import dev.footnote.text.TextAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks what a language model wrote over numbered passages, sentence by sentence, as the text streams in.
 *
 * <p>Each sentence's markers ({@link Markers}) are mapped to the passages they number. A citation stands when
 * the passage exists, the {@link SupportJudge} finds that it supports the sentence (its names and numbers, who
 * does what, no negation added or lost, enough of its words in order), the cited lines hold every number the
 * sentence states, and its lines read the same in the index; its place then narrows to the passage sentence that shares the most
 * words (or stays the whole passage when no one sentence carries most of the support), and its quote is those
 * lines exactly as indexed. Markers that fail are removed from the text and counted; a sentence left without a
 * citation is kept but marked unsupported; a text with no citation at all becomes the refusal, or, when it has
 * no marker at all, {@link CitationChecker#UNCHECKED}, since nothing in it could be checked. A sentence saying
 * that the passages do not answer is no claim: it is left out of the text and kept in {@code sentences} as
 * unsupported, and a text of nothing else is the model's refusal. A list of sources at the end of the text
 * ({@link SourceList}) is left out: it is neither claims nor markers.
 *
 * <p>The checked text comes out in segments, one per finished sentence, markers renumbered as citation ids.
 * Segments are held back until the first supported sentence, so a reply that turns out to answer nothing never
 * streams as if it did; the white space after a segment goes out with the next one, so the text never ends in
 * it. Joined, the segments are exactly the final answer text.
 */
public final class CitedTextChecker {

    /** Least share of a sentence's words a passage must hold to keep its citation in a joined judgement. */
    static final double JOINED_SHARE = 0.3;

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern ENUMERATOR = Pattern.compile("^\\s*\\d{1,2}[.)]\\s");
    private static final Pattern BETWEEN_MARKERS = Pattern.compile("[\\s,;]*");
    /**
     * A sentence saying the passages do not answer, as models word it (after {@link #words}): "The articles do
     * not answer whether …", "The passages don't say …", "There is no information about … in the articles".
     */
    private static final String PASSAGES = "(?:the )?(?:provided |given )?(?:articles?|passages?|sources?|texts?"
            + "|documents?|context)";
    private static final Pattern REFUSING = Pattern.compile("^ (?:however |but |unfortunately )?(?:"
            + PASSAGES + " (?:do not|does not|don t|doesn t) (?:answer|say|mention|state|specify|provide|contain"
            + "|include|address|cover|give|indicate|tell|discuss) "
            + "|" + PASSAGES + " (?:provide|provides|give|gives|contain|contains|include|includes|offer|offers) no "
            // Without naming the passages, "There is no information about …" may be a claim the articles make.
            + "|there is no (?:information|mention|answer|data) .*\\b(?:articles?|passages?|texts?|documents?|context)\\b)");

    /** What {@link #finish()} leaves: the last segments to send, and the checked answer. */
    public record Outcome(List<String> segments, CitationChecker.Checked checked) {
    }

    private final List<SearchHit> hits;
    private final CitationChecker checker;
    private final SupportJudge judge = SupportJudge.standard();
    private final String refusalWords;
    private final SentenceSplitter splitter = SentenceSplitter.forReplies();
    private final SourceList sources;
    private final Map<String, Optional<Article>> articles = new HashMap<>();
    private final IdentityHashMap<Passage, PassageTerms> analysed = new IdentityHashMap<>();
    private final Map<Place, Citation> citations = new LinkedHashMap<>();
    private final List<AnswerSentence> sentences = new ArrayList<>();
    private final List<String> held = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    /** Every segment handed out so far, joined: the answer text. */
    private final StringBuilder text = new StringBuilder();
    private int done;
    private int dropped;
    private boolean supported;
    /** Whether the text has any marker, and any sentence saying the passages do not answer. */
    private boolean marked;
    private boolean refused;
    /** White space after the last segment sent: it goes out with the next one, or never. */
    private String space = "";
    private final String question;

    /**
     * @param question the question the model answered, for the passages a refusal offers as closest
     * @param hits     the passages as numbered in the prompt: {@code [n]} is {@code hits.get(n - 1)}
     * @param checker  gives quotes from the index and the refusal
     */
    public CitedTextChecker(String question, List<SearchHit> hits, CitationChecker checker) {
        this.question = question;
        this.hits = List.copyOf(hits);
        this.checker = checker;
        this.refusalWords = words(CitationChecker.REFUSAL);
        this.sources = new SourceList(this.hits.stream().map(h -> h.passage().file()).toList());
    }

    /** Takes the next piece of the model's text; returns the checked segments that are ready to send. */
    public List<String> append(String piece) throws IOException {
        raw.append(piece);
        // An unfinished marker, or a line that may be the start of a list of sources, waits for what follows.
        int settled = Math.min(Markers.settledLength(raw), sources.start(raw, done, false));
        return settle(settled, false);
    }

    /** The text is complete: checks what is left and gives the answer. */
    public Outcome finish() throws IOException {
        // A list of sources at the end is not part of the answer.
        List<String> last = settle(sources.start(raw, done, true), true);
        if (!supported) {
            // Sentences that cite nothing at all were never checked: not the same as the articles not answering.
            boolean unchecked = !marked && !refused && !sentences.isEmpty();
            CitationChecker.Checked none = checker.unanswered(
                    unchecked ? CitationChecker.UNCHECKED : CitationChecker.REFUSAL, Place.closest(hits, question),
                    articles);
            // The model said the passages do not answer, or what it said cites nothing that stands.
            Refusal why = refused
                    ? new Refusal(Refusal.MODEL_REFUSED, "the model found no answer in the passages")
                    : new Refusal(Refusal.NO_SUPPORTED_CITATION, unchecked
                            ? "the model's reply cites no passage"
                            : sentences.isEmpty()
                                    ? "the model's reply was empty"
                                    : "no sentence of the model's reply is backed by the passage it cites");
            return new Outcome(List.of(none.answer()), new CitationChecker.Checked(none.answer(), false,
                    none.citations(), dropped + none.dropped(), sentences, why));
        }
        return new Outcome(last, new CitationChecker.Checked(text.toString(), true,
                List.copyOf(citations.values()), dropped, sentences));
    }

    /** Checks the finished sentences in {@code raw[done..limit)}; with {@code all}, the last one too. */
    private List<String> settle(int limit, boolean all) throws IOException {
        if (limit <= done) {
            return List.of();
        }
        String region = raw.substring(done, limit);
        List<Markers.Marker> markers = Markers.find(region, hits.size());
        marked |= !markers.isEmpty();
        // The text without its markers, and where each of its characters stands in the region.
        StringBuilder clean = new StringBuilder();
        int[] at = new int[region.length() + 1];
        int next = 0;
        for (Markers.Marker m : markers) {
            for (int i = next; i < m.lead(); i++) {
                at[clean.length()] = i;
                clean.append(region.charAt(i));
            }
            next = Math.max(next, m.end());
        }
        for (int i = next; i < region.length(); i++) {
            at[clean.length()] = i;
            clean.append(region.charAt(i));
        }
        at[clean.length()] = region.length();

        List<int[]> spans = splitter.split(clean.toString());
        int finished = all ? spans.size() : spans.size() - 1;
        List<String> out = new ArrayList<>();
        int regionDone = 0;
        for (int s = 0; s < finished; s++) {
            int from = s == 0 ? 0 : at[spans.get(s)[0]];
            int to = s + 1 < spans.size() ? at[spans.get(s + 1)[0]] : region.length();
            String sentence = clean.substring(spans.get(s)[0], spans.get(s)[1]);
            List<Markers.Marker> own = markers.stream().filter(m -> m.start() >= from && m.start() < to).toList();
            out.addAll(emit(check(sentence, region.substring(from, to), from, own)));
            regionDone = to;
        }
        if (all && spans.isEmpty()) {
            // Nothing but markers and white space: every marker is left without a sentence.
            dropped += markers.stream().mapToInt(m -> m.numbers().size()).sum();
            regionDone = region.length();
        }
        done += regionDone;
        return out;
    }

    /** Checks one sentence and returns its text with the markers rewritten. */
    private String check(String sentence, String text, int offset, List<Markers.Marker> markers) throws IOException {
        String said = words(sentence);
        boolean refusal = said.contains(refusalWords) || REFUSING.matcher(said).find();
        Set<String> terms = TextAnalysis.termSet(sentence);
        // First the places each marker may stand for, then the sentence's numbers against all of them.
        Map<Markers.Marker, List<Support>> found = new LinkedHashMap<>();
        List<String> quotes = new ArrayList<>();
        for (Markers.Marker m : markers) {
            List<Support> supports = new ArrayList<>();
            for (int n : m.numbers()) {
                Support s = refusal || n < 1 || n > hits.size()
                        ? null
                        : support(sentence, terms, hits.get(n - 1).passage());
                if (s == null) {
                    dropped++;
                } else {
                    supports.add(s);
                    quotes.add(s.quote());
                }
            }
            found.put(m, supports);
        }
        if (quotes.isEmpty() && !refusal) {
            joinedSupport(sentence, terms, markers, found, quotes);
        }
        if (!quotes.isEmpty() && !numbersStand(sentence, String.join("\n", quotes))) {
            found.replaceAll((m, supports) -> {
                dropped += supports.size();
                return List.of();
            });
        }
        List<Integer> ids = new ArrayList<>();
        StringBuilder rewritten = new StringBuilder();
        int copied = 0;
        // Markers side by side ("[1][2]", "[1], [2]") are rewritten as one group.
        for (int i = 0; i < markers.size();) {
            int j = i;
            while (j + 1 < markers.size() && BETWEEN_MARKERS.matcher(
                    text.substring(markers.get(j).end() - offset, markers.get(j + 1).start() - offset)).matches()) {
                j++;
            }
            Set<Integer> group = new LinkedHashSet<>();
            for (int k = i; k <= j; k++) {
                for (Support s : found.get(markers.get(k))) {
                    Citation c = citations.computeIfAbsent(s.place(), p -> new Citation(citations.size() + 1,
                            p.file(), p.startLine(), p.endLine(), s.quote(), s.score()));
                    group.add(c.id());
                }
            }
            Markers.Marker first = markers.get(i);
            rewritten.append(text, copied, group.isEmpty() ? first.lead() - offset : first.start() - offset);
            for (int id : group) {
                rewritten.append('[').append(id).append(']');
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            copied = markers.get(j).end() - offset;
            i = j + 1;
        }
        rewritten.append(text, copied, text.length());
        sentences.add(new AnswerSentence(sentence.strip(), ids, !ids.isEmpty()));
        if (refusal) {
            refused = true;
            // No claim, so no part of the answer's text; a reply of nothing else becomes the refusal.
            return "";
        }
        if (!ids.isEmpty()) {
            supported = true;
        }
        return rewritten.toString();
    }

    /** A checked place for a sentence, its quote, and the share of the sentence's words it holds. */
    private record Support(Place place, String quote, double score) {
    }

    /** A passage's terms, whole and by sentence, and as the judge reads it: analysed once per answer. */
    private record PassageTerms(Set<String> all, List<Set<String>> sentences, SupportJudge.Evidence evidence) {
    }

    private PassageTerms analysed(Passage passage) {
        return analysed.computeIfAbsent(passage, p -> new PassageTerms(
                TextAnalysis.termSet(p.text() + " " + p.heading()),
                p.sentences().stream().map(s -> TextAnalysis.termSet(s.text())).toList(),
                SupportJudge.evidence(p.sentences().stream().map(Sentence::text).toList(), p.heading())));
    }

    /**
     * A sentence that no passage it cites backs alone may take one name from one and another from the next ("X met
     * Y [1][2]"): judged on all of them together, it keeps each that holds at least {@link #JOINED_SHARE} of its
     * words, so that a passage a range only sweeps in is still dropped.
     */
    private void joinedSupport(String sentence, Set<String> terms, List<Markers.Marker> markers,
            Map<Markers.Marker, List<Support>> found, List<String> quotes) throws IOException {
        Set<Passage> cited = new LinkedHashSet<>();
        for (Markers.Marker m : markers) {
            for (int n : m.numbers()) {
                if (n >= 1 && n <= hits.size()) {
                    cited.add(hits.get(n - 1).passage());
                }
            }
        }
        if (cited.size() < 2 || terms.isEmpty()) {
            return;
        }
        List<String> sentences = new ArrayList<>();
        StringBuilder headings = new StringBuilder();
        for (Passage p : cited) {
            p.sentences().forEach(x -> sentences.add(x.text()));
            headings.append(p.heading()).append(' ');
        }
        String claim = ENUMERATOR.matcher(sentence).replaceFirst(" ");
        if (!judge.judge(claim, SupportJudge.evidence(sentences, headings.toString().strip())).supported()) {
            return;
        }
        for (Markers.Marker m : markers) {
            List<Support> supports = new ArrayList<>();
            for (int n : m.numbers()) {
                if (n < 1 || n > hits.size()) {
                    continue;
                }
                Passage p = hits.get(n - 1).passage();
                Support s = shared(terms, analysed(p).all()) >= JOINED_SHARE * terms.size()
                        ? place(terms, p)
                        : null;
                if (s != null) {
                    supports.add(s);
                    quotes.add(s.quote());
                    dropped--; // counted as dropped when judged alone
                }
            }
            found.put(m, supports);
        }
    }

    /** Where in the passage the sentence stands, or {@code null} when the passage does not back it. */
    private Support support(String sentence, Set<String> terms, Passage passage) throws IOException {
        if (terms.isEmpty()) {
            return null;
        }
        PassageTerms analysed = analysed(passage);
        int inPassage = shared(terms, analysed.all());
        // A list item's number ("2. ...") is not a number the sentence states.
        String claim = ENUMERATOR.matcher(sentence).replaceFirst(" ");
        if (inPassage == 0 || !judge.judge(claim, analysed.evidence()).supported()) {
            return null;
        }
        return place(terms, passage);
    }

    /** The lines of the passage the sentence stands on, checked against the article; null when they changed. */
    private Support place(Set<String> terms, Passage passage) throws IOException {
        PassageTerms analysed = analysed(passage);
        int inPassage = shared(terms, analysed.all());
        Sentence best = null;
        int bestShared = 0;
        for (int i = 0; i < passage.sentences().size(); i++) {
            int n = shared(terms, analysed.sentences().get(i));
            if (n > bestShared) {
                best = passage.sentences().get(i);
                bestShared = n;
            }
        }
        // Narrow to one sentence when it carries at least two thirds of what the passage shares.
        boolean narrow = best != null && 3 * bestShared >= 2 * inPassage;
        Place place = narrow
                ? new Place(passage.file(), best.startLine(), best.endLine())
                : new Place(passage.file(), passage.startLine(), passage.endLine());
        Optional<String> quote = checker.quote(place, articles);
        if (quote.isEmpty()) {
            return null;
        }
        // The lines must still read as they did when the passage was indexed.
        List<Sentence> expected = narrow ? List.of(best) : passage.sentences();
        for (Sentence s : expected) {
            if (!CitationChecker.contains(quote.get(), s.text())) {
                return null;
            }
        }
        double score = Math.round(1000.0 * (narrow ? bestShared : inPassage) / terms.size()) / 1000.0;
        return new Support(place, quote.get(), score);
    }

    /** Every number the sentence states ("1.5", "34,622") appears in the cited lines. */
    private static boolean numbersStand(String sentence, String quotes) {
        String claim = ENUMERATOR.matcher(sentence).replaceFirst(" ");
        Set<String> cited = new LinkedHashSet<>();
        Matcher q = NUMBER.matcher(quotes);
        while (q.find()) {
            cited.add(normalizeNumber(q.group()));
        }
        Matcher c = NUMBER.matcher(claim);
        while (c.find()) {
            if (!cited.contains(normalizeNumber(c.group()))) {
                return false;
            }
        }
        return true;
    }

    private static String normalizeNumber(String n) {
        return n.replaceAll(",(?=\\d{3}\\b)", "");
    }

    private List<String> emit(String segment) {
        if (!segment.isEmpty()) {
            held.add(segment);
        }
        if (!supported) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : held) {
            String body = s.stripTrailing();
            String piece = text.isEmpty() ? body.stripLeading() : space + body;
            space = s.substring(body.length());
            if (!piece.isEmpty()) {
                text.append(piece);
                out.add(piece);
            }
        }
        held.clear();
        return out;
    }

    private static int shared(Set<String> a, Set<String> b) {
        int n = 0;
        for (String t : a) {
            if (b.contains(t)) {
                n++;
            }
        }
        return n;
    }

    private static String words(String s) {
        return " " + s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
    }
}
