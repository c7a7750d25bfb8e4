package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.corpus.ArticleFiles;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
import dev.footnote.retrieve.Retriever;
import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check of model-written answers over a real index of the sample articles: markers in all their forms,
 * citations that point nowhere or at the wrong passage, numbers the passage does not hold, narrowing to the
 * supporting sentence, and the same outcome whether the text comes whole or a few characters at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitedTextCheckerTest {

    /** What the passages were retrieved for, and what the model was asked. */
    private static final String QUESTION = "Rafah refuge Palestinians Haniyeh Turkey Qatar";

    private static final String F003 = "003_f221ba18038d1787.txt";
    private static final String REFUGE_LINE = "Around 1.5 million Palestinians have sought refuge in the city from the "
            + "ravages of the war that has so far martyred at least 34622 Palestinians.";

    private static final String UNCHECKED = "The model's answer could not be checked against the articles: it cites "
            + "no passage.";

    @TempDir
    static Path tmp;

    PassageIndex index;
    CitationChecker checker;
    List<SearchHit> hits;
    /** The number the prompt would give the passage holding line 21 of 003 (the refugees). */
    int refuge;
    /** ... and the one holding line 25 (Haniyeh's trip). */
    int haniyeh;

    @BeforeAll
    void indexArticles() throws IOException {
        index = PassageIndex.open(tmp.resolve("index"));
        new Indexer(s -> {}).sync(new ArticleFiles(Path.of("articles")), index);
        checker = new CitationChecker(index);
        hits = new Retriever(index).search(QUESTION, 5);
        refuge = numberOf(21);
        haniyeh = numberOf(25);
        assertThat(refuge).isPositive();
        assertThat(haniyeh).isPositive();
    }

    @AfterAll
    void close() throws IOException {
        index.close();
    }

    private int numberOf(int line) {
        for (int i = 0; i < hits.size(); i++) {
            var p = hits.get(i).passage();
            if (p.file().equals(F003) && p.startLine() <= line && line <= p.endLine()) {
                return i + 1;
            }
        }
        return 0;
    }

    private String line(String file, int n) throws IOException {
        return index.article(file).orElseThrow().text(n, n);
    }

    /** Runs the text through the checker in pieces of {@code size} characters; returns the segments and result. */
    private record Run(List<String> segments, CitationChecker.Checked checked) {
        String joined() {
            return String.join("", segments);
        }
    }

    private Run run(String text, int size) throws IOException {
        CitedTextChecker c = new CitedTextChecker(QUESTION, hits, checker);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            segments.addAll(c.append(text.substring(i, Math.min(text.length(), i + size))));
        }
        CitedTextChecker.Outcome o = c.finish();
        segments.addAll(o.segments());
        return new Run(segments, o.checked());
    }

    private CitationChecker.Checked check(String text) throws IOException {
        Run whole = run(text, Integer.MAX_VALUE);
        // Streamed a few characters at a time, the checker must come to the very same answer.
        for (int size : new int[]{1, 3, 7}) {
            Run pieces = run(text, size);
            assertThat(pieces.checked()).as("in pieces of %d", size).isEqualTo(whole.checked());
            assertThat(pieces.joined()).as("segments joined, pieces of %d", size).isEqualTo(whole.checked().answer());
        }
        assertThat(whole.joined()).isEqualTo(whole.checked().answer());
        assertMarkersConsistent(whole.checked());
        return whole.checked();
    }

    private static void assertMarkersConsistent(CitationChecker.Checked c) {
        List<Integer> markers = new ArrayList<>();
        Matcher m = Pattern.compile("\\[(\\d+)]").matcher(c.answer());
        while (m.find()) {
            markers.add(Integer.parseInt(m.group(1)));
        }
        List<Integer> ids = c.citations().stream().map(Citation::id).toList();
        assertThat(ids).isEqualTo(java.util.stream.IntStream.rangeClosed(1, ids.size()).boxed().toList());
        assertThat(markers.stream().distinct().sorted().toList()).isEqualTo(ids);
    }

    @Test
    void aCorrectCitationNarrowsToTheSupportingLineAndQuotesItExactly() throws IOException {
        CitationChecker.Checked c = check(
                "About 1.5 million Palestinians have sought refuge in Rafah [" + refuge + "].");
        assertThat(c.answered()).isTrue();
        assertThat(c.dropped()).isZero();
        assertThat(c.answer()).isEqualTo("About 1.5 million Palestinians have sought refuge in Rafah [1].");
        assertThat(c.citations()).singleElement().satisfies(cit -> {
            assertThat(cit.file()).isEqualTo(F003);
            assertThat(cit.startLine()).isEqualTo(21);
            assertThat(cit.endLine()).isEqualTo(21);
            assertThat(cit.quote()).isEqualTo(REFUGE_LINE).isEqualTo(line(F003, 21));
            assertThat(cit.score()).isBetween(0.5, 1.0);
        });
        assertThat(c.sentences()).containsExactly(new AnswerSentence(
                "About 1.5 million Palestinians have sought refuge in Rafah.", List.of(1), true));
    }

    @Test
    void markersAreRenumberedInTheOrderTheyAppear() throws IOException {
        CitationChecker.Checked c = check("Ismail Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "]. "
                + "Around 1.5 million Palestinians sought refuge in the city [" + refuge + "].");
        assertThat(c.answer()).isEqualTo("Ismail Haniyeh returned to Qatar after a trip to Turkey [1]. "
                + "Around 1.5 million Palestinians sought refuge in the city [2].");
        assertThat(c.citations()).extracting(Citation::startLine).containsExactly(25, 21);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[%d]", "[%d, %d]", "[%d][%d]", "(%d)", "[%d], [%d]", "[^%d]", "[%d and %d]",
            "[Passage %d]", "[passages %d and %d]", "[%d:21]", "[%d:20-21]", "【%d】", "[%d†source]",
            "【%d:0†source】", "[Passage %d, line 21]"})
    void markerFormsAreTolerated(String form) throws IOException {
        String marker = form.replace("%d", String.valueOf(refuge));
        CitationChecker.Checked c = check(
                "Around 1.5 million Palestinians have sought refuge in the city " + marker + ".");
        assertThat(c.answered()).as(marker).isTrue();
        assertThat(c.answer()).isEqualTo("Around 1.5 million Palestinians have sought refuge in the city [1].");
        assertThat(c.citations()).singleElement().satisfies(cit -> assertThat(cit.startLine()).isEqualTo(21));
    }

    @Test
    void aRangeAndAMarkerAfterTheFullStopBelongToTheirSentence() throws IOException {
        int low = Math.min(refuge, haniyeh);
        int high = Math.max(refuge, haniyeh);
        CitationChecker.Checked c = check(
                "Around 1.5 million Palestinians have sought refuge in the city. [" + low + "-"
                        + high + "] Haniyeh met Erdogan in Turkey. [" + haniyeh + "]");
        assertThat(c.sentences()).hasSize(2);
        assertThat(c.sentences().get(0).supported()).isTrue();
        assertThat(c.sentences().get(1).supported()).isTrue();
        assertThat(c.answer()).startsWith("Around 1.5 million Palestinians have sought refuge in the city. [1]");
        assertThat(c.answer()).endsWith("Haniyeh met Erdogan in Turkey. [2]");
        // The numbers inside the range that do not back the sentence were dropped, not shown.
        assertThat(c.citations()).extracting(Citation::startLine).containsExactly(21, 25);
    }

    @Test
    void aMarkerPointingNowhereIsRemovedAndCounted() throws IOException {
        CitationChecker.Checked c = check(
                "Haniyeh returned to Qatar [" + haniyeh + "][9]. He met President Erdogan [42].");
        assertThat(c.answered()).isTrue();
        assertThat(c.dropped()).isEqualTo(2);
        assertThat(c.answer()).isEqualTo("Haniyeh returned to Qatar [1]. He met President Erdogan.");
        assertThat(c.sentences()).extracting(AnswerSentence::supported).containsExactly(true, false);
        assertThat(c.sentences().get(1).citations()).isEmpty();
    }

    @Test
    void aMarkerNamingNoPassageIsDroppedWithoutSinkingTheOneBesideIt() throws IOException {
        CitationChecker.Checked c = check("Around 1.5 million Palestinians have sought refuge in the city [" + refuge
                + "][12345].");
        assertThat(c.answered()).isTrue();
        assertThat(c.answer()).isEqualTo("Around 1.5 million Palestinians have sought refuge in the city [1].");
        assertThat(c.dropped()).isEqualTo(1);
        CitationChecker.Checked words = check("Haniyeh returned to Qatar [Passage " + haniyeh + "]. "
                + "He met President Erdogan [Passage 42].");
        assertThat(words.answer()).isEqualTo("Haniyeh returned to Qatar [1]. He met President Erdogan.");
        assertThat(words.dropped()).isEqualTo(1);
    }

    @Test
    void aCitationOfAPassageThatSaysSomethingElseIsRemoved() throws IOException {
        CitationChecker.Checked c = check("The World Cup final was played in Doha [" + refuge + "].");
        assertThat(c.answered()).isFalse();
        assertThat(c.dropped()).isGreaterThanOrEqualTo(1);
        assertThat(c.sentences()).singleElement().satisfies(s -> assertThat(s.supported()).isFalse());
    }

    @Test
    void aNumberTheLinesDoNotHoldSinksTheCitation() throws IOException {
        CitationChecker.Checked c = check(
                "Around 2.5 million Palestinians have sought refuge in the city [" + refuge + "].");
        assertThat(c.answered()).isFalse();
        assertThat(c.dropped()).isEqualTo(1);
        CitationChecker.Checked grouped = check("At least 34,622 Palestinians were killed [" + refuge + "].");
        assertThat(grouped.answered()).as("34,622 is 34622").isTrue();
    }

    @Test
    void anAnswerWithNoValidCitationIsARefusalThatKeepsTheSentencesUnsupported() throws IOException {
        CitationChecker.Checked c = check("Haniyeh is in Qatar [42]. He travelled a lot [" + refuge + "].");
        assertThat(c.answered()).isFalse();
        assertThat(c.answer()).startsWith(CitationChecker.REFUSAL);
        assertThat(c.citations()).hasSizeBetween(1, 2).allSatisfy(cit -> assertThat(cit.score()).isZero());
        assertThat(c.sentences()).extracting(AnswerSentence::text)
                .containsExactly("Haniyeh is in Qatar.", "He travelled a lot.");
        assertThat(c.sentences()).noneMatch(AnswerSentence::supported);
        assertThat(c.dropped()).isEqualTo(2);
    }

    @Test
    void aRefusalOffersNoPassageThatSharesNoWordWithTheQuestion() throws IOException {
        CitedTextChecker c = new CitedTextChecker("Who won the 2022 World Cup?", hits, checker);
        c.append("The articles do not answer this question.");
        CitationChecker.Checked checked = c.finish().checked();
        assertThat(checked.answered()).isFalse();
        assertThat(checked.citations()).isEmpty();
        assertThat(checked.answer()).isEqualTo(CitationChecker.REFUSAL);
    }

    @Test
    void anAnswerThatCitesNoPassageCouldNotBeCheckedAndIsNotCalledARefusal() throws IOException {
        CitationChecker.Checked c = check("Around 1.5 million Palestinians have sought refuge in the city. "
                + "Haniyeh returned to Qatar.");
        assertThat(c.answered()).isFalse();
        assertThat(c.answer()).isEqualTo(UNCHECKED + " The closest passages are [1] and [2].");
        assertThat(c.citations()).hasSize(2).allSatisfy(cit -> assertThat(cit.score()).isZero());
        assertThat(c.sentences()).extracting(AnswerSentence::text).containsExactly(
                "Around 1.5 million Palestinians have sought refuge in the city.", "Haniyeh returned to Qatar.");
        assertThat(c.sentences()).noneMatch(AnswerSentence::supported);
        assertThat(c.dropped()).isZero();
        // A list of sources does not make it cite: only markers in its sentences do.
        assertThat(check("Around 1.5 million Palestinians have sought refuge in the city.\n\nSources:\n"
                + header(refuge)).answer()).startsWith(UNCHECKED);
        // Said alongside the model's own refusal, it is the refusal.
        assertThat(check("The articles do not answer this question. Haniyeh is probably in Qatar.").answer())
                .startsWith(CitationChecker.REFUSAL);
    }

    @Test
    void theModelsOwnRefusalIsNeverAClaim() throws IOException {
        CitationChecker.Checked c = check(CitationChecker.REFUSAL + " [" + refuge + "]");
        assertThat(c.answered()).isFalse();
        assertThat(c.answer()).startsWith(CitationChecker.REFUSAL);
    }

    @Test
    void aYearInParenthesesIsTextNotAMarker() throws IOException {
        CitationChecker.Checked c = check("Haniyeh returned to Qatar (2024) after visiting Turkey [" + haniyeh + "].");
        // "(2024)" stays as written; it is a number the sentence states, and line 25 does not hold it, so the one
        // real marker is the one dropped.
        assertThat(c.sentences()).singleElement().satisfies(
                s -> assertThat(s.text()).isEqualTo("Haniyeh returned to Qatar (2024) after visiting Turkey."));
        assertThat(c.dropped()).isEqualTo(1);
        assertThat(c.answered()).isFalse();
        // A small number in parentheses that is no passage's number is text too.
        CitationChecker.Checked seven = check("Haniyeh returned to Qatar after visiting Turkey (" + (hits.size() + 2)
                + ") [" + haniyeh + "].");
        assertThat(seven.sentences().get(0).text()).contains("(" + (hits.size() + 2) + ")");
    }

    @Test
    void unsupportedSentencesBeforeTheFirstSupportedOneAreHeldBackNotLost() throws IOException {
        String text = "Here is what the articles say. Haniyeh returned to Qatar [" + haniyeh + "]. "
                + "That is all.";
        CitedTextChecker c = new CitedTextChecker(QUESTION, hits, checker);
        assertThat(c.append("Here is what the articles say. ")).isEmpty();
        assertThat(c.append("Haniyeh returned to Qatar [" + haniyeh + "]. ")).isEmpty(); // not finished yet
        List<String> ready = c.append("That");
        // The white space after a sentence goes out with the next one, so the text never ends in it.
        assertThat(String.join("", ready)).isEqualTo("Here is what the articles say. Haniyeh returned to Qatar [1].");
        CitedTextChecker.Outcome o = c.finish();
        assertThat(o.segments()).containsExactly(" That");
        assertThat(check(text.replace("That is all.", "That")).answer())
                .isEqualTo("Here is what the articles say. Haniyeh returned to Qatar [1]. That");
        assertThat(o.checked().sentences()).extracting(AnswerSentence::supported).containsExactly(false, true, false);
    }

    @Test
    void aClaimSpreadOverAPassageCitesTheWholePassage() throws IOException {
        // Two sentences of one passage in one claim: no single sentence carries most of it.
        var p = hits.get(refuge - 1).passage();
        assertThat(p.sentences().size()).isGreaterThan(1);
        String a = p.sentences().get(0).text().replaceAll("[.!?\"”]+$", "");
        String b = p.sentences().get(p.sentences().size() - 1).text().replaceAll("[.!?\"”]+$", "");
        CitationChecker.Checked c = check(a + ", and " + b + " [" + refuge + "].");
        assertThat(c.answered()).isTrue();
        assertThat(c.citations()).singleElement().satisfies(cit -> {
            assertThat(cit.startLine()).isEqualTo(p.startLine());
            assertThat(cit.endLine()).isEqualTo(p.endLine());
            assertThat(cit.quote()).isEqualTo(index.article(F003).orElseThrow().text(p.startLine(), p.endLine()));
        });
    }

    @Test
    void paragraphsAndLineBreaksSurvive() throws IOException {
        CitationChecker.Checked c = check("Haniyeh returned to Qatar [" + haniyeh + "].\n\nAround 1.5 million "
                + "Palestinians have sought refuge in the city [" + refuge + "].\n");
        assertThat(c.answer()).isEqualTo("Haniyeh returned to Qatar [1].\n\nAround 1.5 million Palestinians have "
                + "sought refuge in the city [2].");
    }

    @Test
    void aSentenceThatStartsWithADigitIsASentenceOfItsOwn() throws IOException {
        CitationChecker.Checked c = check("Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "]. "
                + "34622 Palestinians have been martyred in the war [" + refuge + "].");
        assertThat(c.sentences()).extracting(AnswerSentence::text).containsExactly(
                "Haniyeh returned to Qatar after a trip to Turkey.",
                "34622 Palestinians have been martyred in the war.");
        assertThat(c.sentences()).allMatch(AnswerSentence::supported);
        assertThat(c.answer()).isEqualTo("Haniyeh returned to Qatar after a trip to Turkey [1]. "
                + "34622 Palestinians have been martyred in the war [2].");
        assertThat(c.citations()).extracting(Citation::startLine).containsExactly(25, 21);
    }

    @Test
    void aNumberedListKeepsEachNumberWithItsItem() throws IOException {
        CitationChecker.Checked c = check("1. Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "].\n"
                + "2. Around 1.5 million Palestinians have sought refuge in the city [" + refuge + "].");
        assertThat(c.sentences()).extracting(AnswerSentence::text).containsExactly(
                "1. Haniyeh returned to Qatar after a trip to Turkey.",
                "2. Around 1.5 million Palestinians have sought refuge in the city.");
        assertThat(c.sentences()).allMatch(AnswerSentence::supported);
        assertThat(c.dropped()).isZero();
    }

    /** The passage's header line, as the prompt gives it: {@code [n] file:start-end}. */
    private String header(int n) {
        var p = hits.get(n - 1).passage();
        return "[" + n + "] " + p.file() + ":" + p.startLine() + "-" + p.endLine();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\n\n{header}",
            "\n\n{header}\n[{h}] " + F003,
            "\n{header}\n",
            "\r\n\r\n{header}\r\n",
            "\n\n[{n}] " + F003,
            "\n\n1. " + F003 + ", lines 19-23",
            "\n\n- [{n}]: `" + F003 + "` (Al Jazeera)",
            "\n\nSources:\n{header}\n[{h}] " + F003,
            "\n\n**References:**\n1. The Al Jazeera report on Rafah\n2. 001_3cabf72616562acd.txt",
            "\n\n### Citations\n\n[{n}] Passage {n}",
            "\n\nSources: [{n}], [{h}]",
            "\n\nSource: " + F003 + ":21"})
    void aTrailingListOfSourcesIsNotPartOfTheAnswer(String list) throws IOException {
        String sources = list.replace("{header}", header(refuge)).replace("{n}", String.valueOf(refuge))
                .replace("{h}", String.valueOf(haniyeh));
        CitationChecker.Checked c = check(
                "Around 1.5 million Palestinians have sought refuge in Rafah [" + refuge + "]."
                        + sources);
        assertThat(c.answered()).as(sources).isTrue();
        assertThat(c.answer()).isEqualTo("Around 1.5 million Palestinians have sought refuge in Rafah [1].");
        assertThat(c.dropped()).isZero();
        assertThat(c.citations()).singleElement().satisfies(cit -> assertThat(cit.startLine()).isEqualTo(21));
        assertThat(c.sentences()).singleElement().satisfies(s -> assertThat(s.supported()).isTrue());
    }

    @Test
    void aListOfSourcesAddsNoClaimAndNoCitation() throws IOException {
        CitationChecker.Checked c = check("Around 1.5 million Palestinians have sought refuge in Rafah.\n\n"
                + header(refuge));
        assertThat(c.answered()).isFalse();
        assertThat(c.sentences()).extracting(AnswerSentence::text)
                .containsExactly("Around 1.5 million Palestinians have sought refuge in Rafah.");
        assertThat(c.sentences()).noneMatch(AnswerSentence::supported);
    }

    @Test
    void linesThatOnlyStartLikeSourcesAreText() throws IOException {
        // A numbered list of claims, and a source line that is not at the end, are the answer's text.
        CitationChecker.Checked list = check("Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "].\n"
                + "1. Around 1.5 million Palestinians have sought refuge in the city [" + refuge + "].");
        assertThat(list.sentences()).hasSize(2).allMatch(AnswerSentence::supported);
        CitationChecker.Checked source = check("Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "].\n"
                + "Sources say around 1.5 million Palestinians have sought refuge in the city [" + refuge + "].");
        assertThat(source.sentences()).hasSize(2).allMatch(AnswerSentence::supported);
    }

    @Test
    void aListOfSourcesIsHeldBackWhileItStreams() throws IOException {
        CitedTextChecker c = new CitedTextChecker(QUESTION, hits, checker);
        List<String> sent = new ArrayList<>();
        String text = "Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh + "]. Around 1.5 million "
                + "Palestinians have sought refuge in the city [" + refuge + "].\n\nSources:\n" + header(refuge) + "\n";
        for (int i = 0; i < text.length(); i++) {
            sent.addAll(c.append(String.valueOf(text.charAt(i))));
        }
        assertThat(String.join("", sent)).isEqualTo("Haniyeh returned to Qatar after a trip to Turkey [1].");
        CitedTextChecker.Outcome o = c.finish();
        assertThat(String.join("", sent) + String.join("", o.segments())).isEqualTo(o.checked().answer())
                .doesNotContain("Sources", F003);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{H} The articles do not answer whether he met Erdogan.|{H}",
            "{H} The articles do not answer this question.|{H}",
            "The articles do not answer this question. {H}|{H}",
            "{H}\\n\\nThe passages don't say when he left Turkey.\\n|{H}",
            "{H} However, the provided articles do not mention the date. {R}|{H} {R}",
            "{H} There is no information about his return date in the passages. {R}|{H} {R}"})
    void aRefusalInsideAnAnswerIsLeftOutOfTheText(String reply, String expected) throws IOException {
        String h = "Haniyeh returned to Qatar after a trip to Turkey [%d].";
        String r = "Around 1.5 million Palestinians have sought refuge in the city [%d].";
        CitationChecker.Checked c = check(reply.replace("\\n", "\n").replace("{H}", h.formatted(haniyeh))
                .replace("{R}", r.formatted(refuge)));
        assertThat(c.answered()).isTrue();
        assertThat(c.answer()).isEqualTo(expected.replace("{H}", h.formatted(1)).replace("{R}", r.formatted(2)));
        // The refusal is kept in sentences, as what it is: a sentence no passage backs.
        assertThat(c.sentences()).filteredOn(s -> !s.supported()).singleElement()
                .satisfies(s -> assertThat(s.text()).containsAnyOf("do not", "don't", "no information"));
        assertThat(c.dropped()).isZero();
    }

    @Test
    void aReplyThatOnlyRefusesIsTheModelsRefusal() throws IOException {
        CitationChecker.Checked c = check("The articles do not answer whether Haniyeh met Erdogan.");
        assertThat(c.answered()).isFalse();
        assertThat(c.answer()).startsWith(CitationChecker.REFUSAL);
        assertThat(c.sentences()).singleElement().satisfies(s -> assertThat(s.supported()).isFalse());
    }

    @Test
    void onlyMarkersOrNothingAtAllIsARefusal() throws IOException {
        assertThat(check("[1][2]").answered()).isFalse();
        assertThat(check("").answered()).isFalse();
        assertThat(check("   \n ").answered()).isFalse();
    }

    @Test
    void anArticleChangedSinceRetrievalIsNotQuoted() throws IOException {
        Path dir = tmp.resolve("changing");
        Files.createDirectories(dir.resolve("articles"));
        Files.writeString(dir.resolve("articles/a.txt"), "Story\n\nThe delegation arrived in Cairo on Sunday.\n");
        try (PassageIndex changing = PassageIndex.open(dir.resolve("index"))) {
            new Indexer(s -> {}).sync(new ArticleFiles(dir.resolve("articles")), changing);
            List<SearchHit> before = new Retriever(changing).search("delegation Cairo", 3);
            Files.writeString(dir.resolve("articles/a.txt"), "Story\n\nThe delegation never left Gaza.\n");
            new Indexer(s -> {}).sync(new ArticleFiles(dir.resolve("articles")), changing);
            CitedTextChecker c = new CitedTextChecker("delegation Cairo", before, new CitationChecker(changing));
            c.append("The delegation arrived in Cairo on Sunday [1].");
            CitationChecker.Checked checked = c.finish().checked();
            assertThat(checked.answered()).isFalse();
            assertThat(checked.dropped()).isEqualTo(1);
        }
    }

    /** A reply with nothing supported says why it is not answered: the model refused, or nothing it cites stands. */
    @Test
    void aModelsUnansweredReplyNamesWhy() throws IOException {
        assertThat(check(CitationChecker.REFUSAL).refusal().gate()).isEqualTo(Refusal.MODEL_REFUSED);
        assertThat(check("Haniyeh is in Qatar [42].").refusal().gate()).isEqualTo(Refusal.NO_SUPPORTED_CITATION);
        assertThat(check("Haniyeh returned to Qatar.").refusal())
                .isEqualTo(new Refusal(Refusal.NO_SUPPORTED_CITATION, "the model's reply cites no passage"));
        CitationChecker.Checked answered = check(
                "Around 1.5 million Palestinians have sought refuge in the city [" + refuge + "].");
        assertThat(answered.answered()).isTrue();
        assertThat(answered.refusal()).isNull();
    }

    /** The number the prompt gives the passage holding {@code line} of 003 among {@code found}; 0 when none does. */
    private static int numberOf(List<SearchHit> found, int line) {
        for (int i = 0; i < found.size(); i++) {
            var p = found.get(i).passage();
            if (p.file().equals(F003) && p.startLine() <= line && line <= p.endLine()) {
                return i + 1;
            }
        }
        return 0;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Hamas has vowed to launch an offensive in Rafah|false",
            "Netanyahu has vowed to launch an offensive in Rafah|true",
            "Netanyahu has not vowed to launch an offensive in Rafah|false",
            "Hamas has demanded a lasting ceasefire|true",
            "Netanyahu has demanded a lasting ceasefire|false"})
    void whoDidWhatMustBeAsThePassageSaysIt(String claim, boolean kept) throws IOException {
        // Line 17 of 003: "While Hamas has demanded a lasting ceasefire, Netanyahu has vowed to launch an offensive
        // in the far-southern city of Rafah": both names are in the passage, in other roles than the claim's.
        List<SearchHit> found = new Retriever(index).search("Netanyahu vowed offensive Rafah Hamas ceasefire", 5);
        int n = numberOf(found, 17);
        assertThat(n).isPositive();
        CitedTextChecker c = new CitedTextChecker("Who vowed to launch an offensive in Rafah?", found, checker);
        c.append(claim + " [" + n + "].");
        CitationChecker.Checked checked = c.finish().checked();
        assertThat(checked.answered()).as(claim).isEqualTo(kept);
        assertThat(checked.dropped()).as(claim).isEqualTo(kept ? 0 : 1);
        if (kept) {
            assertThat(checked.answer()).isEqualTo(claim + " [1].");
            assertThat(checked.citations()).singleElement()
                    .satisfies(cit -> assertThat(cit.startLine()).isEqualTo(17));
        }
    }

    @Test
    void subjectAndObjectSwappedLoseTheirCitation() throws IOException {
        CitationChecker.Checked right = check("Ismail Haniyeh returned to Qatar after a trip to Turkey [" + haniyeh
                + "].");
        assertThat(right.answered()).isTrue();
        CitationChecker.Checked swapped = check("Erdogan returned to Qatar after a trip to Turkey, where he met "
                + "Haniyeh [" + haniyeh + "].");
        assertThat(swapped.answered()).isFalse();
        assertThat(swapped.dropped()).isEqualTo(1);
    }

    @Test
    void aSentenceCitingTwoPassagesMayTakeANameFromEach() throws IOException {
        assertThat(refuge).isNotEqualTo(haniyeh);
        String claim = "Around 1.5 million Palestinians have sought refuge in the city, while Ismail Haniyeh "
                + "returned to Qatar";
        CitationChecker.Checked both = check(claim + " [" + refuge + "][" + haniyeh + "].");
        assertThat(both.answered()).isTrue();
        assertThat(both.dropped()).isZero();
        assertThat(both.citations()).hasSize(2);
        // Cited to one of them alone, it names what that passage does not.
        CitationChecker.Checked one = check(claim + " [" + refuge + "].");
        assertThat(one.answered()).isFalse();
    }
}
