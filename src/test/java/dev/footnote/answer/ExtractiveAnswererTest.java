package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.ask.Limits;
import dev.footnote.retrieve.Retrieval;
import dev.footnote.retrieve.RetrievalResult;
import dev.footnote.retrieve.Retriever;
import dev.footnote.retrieve.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtractiveAnswererTest {

    @TempDir
    static Path tmp;

    Footnote samples;

    @BeforeAll
    void indexSamples() throws IOException {
        samples = Footnote.open(Config.of(Path.of("articles"), tmp.resolve("samples-index")), s -> {});
        assertThat(samples.sync().added()).hasSize(5);
    }

    @AfterAll
    void close() throws IOException {
        samples.close();
    }

    private static Answer ask(Footnote f, String question) throws IOException {
        return f.service().ask(question, Limits.DEFAULTS.defaultTopK(), null);
    }

    private static void assertConsistent(Answer a) {
        java.util.Set<Integer> markers = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("\\[(\\d+)]").matcher(a.answer());
        while (m.find()) {
            markers.add(Integer.parseInt(m.group(1)));
        }
        assertThat(markers).containsExactlyElementsOf(a.citations().stream().map(Citation::id).sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            How many Palestinians have sought refuge in Rafah?                          | 003_f221ba18038d1787.txt | 21  | 1.5 million
            Who is the Hamas representative in Lebanon?                                 | 000_ee4c0ed1b0960cbf.txt | 109 | Ahmad Abdel Hadi
            Who is the UN Humanitarian Coordinator who arrived in the Palestinian Territories? | 004_8ee1bc03666afbd8.txt | 24 | Lynn Hastinger
            In which camp was the UNRWA school hit by an Israeli airstrike?             | 001_3cabf72616562acd.txt | 8   | Nuseirat
            Which president did Ismail Haniyeh meet during his trip to Turkey?         | 003_f221ba18038d1787.txt | 25  | Erdogan
            Who did the Lebanese Presidency assign to head the military technical committee in talks? | 000_ee4c0ed1b0960cbf.txt | 69 | Simon Karam
            Through which checkpoint did the UN and EU delegations arrive in the Gaza Strip? | 004_8ee1bc03666afbd8.txt | 24 | Erez
            Who headed the Hamas delegation that arrived in Cairo on Sunday morning, according to Egyptian sources? | 002_e3a4d9be1fd088d4.txt | 15 | Khalil Al-Hiya
            """)
    void answersWithTheRightFileAndLine(String question, String file, int line, String answerText) throws IOException {
        Answer a = ask(samples, question);
        assertThat(a.answered()).as(a.answer()).isTrue();
        assertThat(a.model()).isEqualTo("extractive");
        assertThat(a.conversationId()).isNotBlank();
        assertThat(a.citations()).isNotEmpty();
        Citation first = a.citations().get(0);
        assertThat(first.file() + ":" + first.startLine() + "-" + first.endLine())
                .isEqualTo(file + ":" + line + "-" + line);
        assertThat(first.quote()).contains(answerText);
        assertThat(a.answer()).contains(answerText).contains("[1]");
        assertConsistent(a);
        // Every citation quotes the indexed lines exactly.
        for (Citation c : a.citations()) {
            assertThat(c.quote())
                    .isEqualTo(samples.index().article(c.file()).orElseThrow().text(c.startLine(), c.endLine()));
        }
    }

    @Test
    void theRefugeQuestionCitesLine21Exactly() throws IOException {
        Answer a = ask(samples, "How many Palestinians have sought refuge in Rafah?");
        assertThat(a.answer()).isEqualTo("Around 1.5 million Palestinians have sought refuge in the city from the "
                + "ravages of the war that has so far martyred at least 34622 Palestinians. [1]");
        assertThat(a.citations()).singleElement().satisfies(c -> {
            assertThat(c.file()).isEqualTo("003_f221ba18038d1787.txt");
            assertThat(c.startLine()).isEqualTo(21);
            assertThat(c.endLine()).isEqualTo(21);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"What is the population of Cairo?", "Who won the 2022 World Cup?"})
    void refusesWhatThePassagesDoNotAnswer(String question) throws IOException {
        Answer a = ask(samples, question);
        assertThat(a.answered()).as(a.answer()).isFalse();
        assertThat(a.answer()).startsWith(CitationChecker.REFUSAL);
        assertConsistent(a);
        assertThat(a.citations()).hasSizeLessThanOrEqualTo(2);
        assertThat(a.citations()).allSatisfy(c -> assertThat(c.score()).isZero());
    }

    /**
     * Paraphrases whose key words the articles never use ("spy chief" for "head of Egyptian intelligence",
     * "money" for "grant"): answered from the line that says it, by meaning.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Which Egyptian spy chief met the Hamas leaders?                           | 004_8ee1bc03666afbd8.txt | 12
            According to Netanyahu, pulling out of Gaza would be a big win for whom?  | 001_3cabf72616562acd.txt | 15
            Where was the UNRWA school that an Israeli air raid hit?                  | 001_3cabf72616562acd.txt | 8
            Which Qatari money for Hamas government staff was still unsettled?        | 004_8ee1bc03666afbd8.txt | 8
            Through which crossing point did the UN and EU teams enter Gaza?          | 004_8ee1bc03666afbd8.txt | 24
            """)
    void answersParaphrasesFromTheLineThatSaysIt(String question, String file, int line) throws IOException {
        Answer a = ask(samples, question);
        assertThat(a.answered()).as(a.answer()).isTrue();
        assertThat(a.citations().get(0).file()).isEqualTo(file);
        assertThat(a.citations().get(0).startLine()).isLessThanOrEqualTo(line);
        assertThat(a.citations().get(0).endLine()).isGreaterThanOrEqualTo(line);
        assertConsistent(a);
    }

    @Test
    void bm25AloneDoesNotAnswerAParaphraseItsWordsMiss() throws IOException {
        try (Footnote bm25 = Footnote.open(
                Config.of(Path.of("articles"), tmp.resolve("bm25-index")).withRetrieval(Retrieval.BM25), s -> {})) {
            bm25.sync();
            Answer a = ask(bm25, "According to Netanyahu, pulling out of Gaza would be a big win for whom?");
            assertThat(a.answered()).as(a.answer()).isFalse();
        }
    }

    /**
     * Near misses: the passages speak of the delegation, the drone strike or the talks, but not of what is asked
     * (a count, an airline, a duration, an age, a hotel); each shares most of its words with some sentence.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "How many members were in the Hamas delegation that travelled to Cairo?",
            "Which airline flew the Israeli security delegation to Cairo?",
            "How long did the Putin-Witkoff talks last?",
            "How old is Hossam Badran?",
            "Which hotel in Doha hosted the Hamas delegation's consultations with the movement's leadership?",
            "What ministerial post does Katz hold?"})
    void refusesNearMissesThatLackWhatIsAsked(String question) throws IOException {
        Answer a = ask(samples, question);
        assertThat(a.answered()).as(a.answer()).isFalse();
        assertConsistent(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "?", "what is the", "Who?"})
    void refusesQuestionsWithNoTerms(String question) throws IOException {
        Answer a = ask(samples, question);
        assertThat(a.answered()).isFalse();
        assertThat(a.answer()).isEqualTo(CitationChecker.REFUSAL);
        assertThat(a.citations()).isEmpty();
    }

    @Test
    void draftRefusalOffersTheTwoTopPassages() throws IOException {
        Retriever retriever = samples.service().retriever();
        RetrievalResult found = retriever.retrieve("What is the population of Cairo?", 5, Set.of());
        List<SearchHit> hits = found.hits();
        Draft d = new ExtractiveAnswerer().draft("What is the population of Cairo?", found);
        assertThat(d.answered()).isFalse();
        assertThat(d.claims()).isEmpty();
        assertThat(d.closest()).hasSize(Math.min(2, hits.size()));
        for (int i = 0; i < d.closest().size(); i++) {
            assertThat(d.closest().get(i)).isEqualTo(new Place(hits.get(i).passage().file(),
                    hits.get(i).passage().startLine(), hits.get(i).passage().endLine()));
        }
        assertThat(new ExtractiveAnswerer().draft("anything", RetrievalResult.of(List.of(), found.weights()))
                .answered()).isFalse();
    }

    @Test
    void draftClaimsAreSentencesOfTheRetrievedPassages() throws IOException {
        Retriever retriever = samples.service().retriever();
        String q = "Who is the head of Hamas' Political Bureau?";
        RetrievalResult found = retriever.retrieve(q, 5, Set.of());
        List<SearchHit> hits = found.hits();
        Draft d = new ExtractiveAnswerer().draft(q, found);
        assertThat(d.answered()).isTrue();
        assertThat(d.claims()).hasSizeBetween(1, 3);
        for (Claim c : d.claims()) {
            assertThat(c.places()).isNotEmpty();
            assertThat(c.score()).isBetween(0.0, 1.0);
            assertThat(hits).anySatisfy(h -> assertThat(h.passage().sentences())
                    .anySatisfy(s -> assertThat(s.text()).isEqualTo(c.text())));
        }
        Answer a = ask(samples, q);
        assertThat(a.answer()).contains("Ismail Haniyeh");
        assertConsistent(a);
    }

    /** Two articles that share one sentence word for word; a third so that term weights are not degenerate. */
    private Path twinCollection(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), """
                Zoo story from Portugal

                The zoo in Lisbon counted 412 flamingos on Tuesday morning.
                The keepers were pleased with the result.
                """);
        Files.writeString(dir.resolve("b.txt"), """
                Bird census news

                Volunteers met at dawn near the river.
                The zoo in Lisbon counted 412 flamingos on Tuesday morning.
                """);
        Files.writeString(dir.resolve("c.txt"), """
                Weather report

                It rained in Porto all week.
                Many farmers welcomed the rain.
                """);
        return dir;
    }

    @Test
    void aSentenceTwoArticlesShareIsOneClaimCitingBoth() throws IOException {
        try (Footnote f = Footnote.open(Config.of(twinCollection("twins"), tmp.resolve("twins-index")), s -> {})) {
            f.sync();
            Answer a = ask(f, "How many flamingos did the zoo in Lisbon count?");
            assertThat(a.answered()).as(a.answer()).isTrue();
            assertThat(a.answer()).isEqualTo("The zoo in Lisbon counted 412 flamingos on Tuesday morning. [1][2]");
            assertThat(a.citations()).extracting(c -> c.file() + ":" + c.startLine() + "-" + c.endLine())
                    .containsExactly("a.txt:3-3", "b.txt:4-4");
            assertConsistent(a);
        }
    }

    @Test
    void howManyIsAnsweredEvenIfNoArticleSaysMany() throws IOException {
        Path dir = twinCollection("no-many");
        Files.writeString(dir.resolve("c.txt"),
                "Weather report\n\nIt rained in Porto all week.\nFarmers welcomed it.\n");
        try (Footnote f = Footnote.open(Config.of(dir, tmp.resolve("no-many-index")), s -> {})) {
            f.sync();
            assertThat(ask(f, "How many flamingos did the zoo in Lisbon count?").answered()).isTrue();
        }
    }

    @Test
    void dottedAbbreviationInTheQuestionDoesNotCrash() throws IOException {
        Path dir = tmp.resolve("npe");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("a.txt"), "Envoy story\n\nThe U.S. envoy made a U turn and told Netanyahu "
                + "about the ceasefire plan.\nOfficials were surprised by the change.\n");
        Files.writeString(dir.resolve("b.txt"), "Other story\n\nMany people met in Porto.\n");
        try (Footnote f = Footnote.open(Config.of(dir, tmp.resolve("npe-index")), s -> {})) {
            f.sync();
            Answer a = ask(f, "What did the U.S. envoy tell Netanyahu?");
            assertThat(a.answer()).isNotBlank();
        }
    }

    @Test
    void nameTermsAreTheCapitalisedWordsAfterTheFirst() {
        assertThat(ExtractiveAnswerer.nameTerms("Who is the Emir of Qatar?")).containsExactlyInAnyOrder("emir",
                "qatar");
        assertThat(ExtractiveAnswerer.nameTerms("How many Palestinians have sought refuge in Rafah?"))
                .containsExactlyInAnyOrder("palestinian", "rafah");
        assertThat(ExtractiveAnswerer.nameTerms("what happened?")).isEmpty();
    }

    @Test
    void acronymsSpelledOut() {
        assertThat(Acronyms.spelledOut("EU", "the European Union said")).isTrue();
        assertThat(Acronyms.spelledOut("UN", "the United Nations and others")).isTrue();
        assertThat(Acronyms.spelledOut("EU", "the european union said")).isFalse();
        assertThat(Acronyms.spelledOut("X", "X-ray")).isFalse();
        assertThat(Acronyms.spelledOut("U2", "Union Two")).isFalse();
    }
}
