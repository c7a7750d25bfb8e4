package dev.footnote.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.corpus.ArticleFiles;
import dev.footnote.index.Indexer;
import dev.footnote.index.PassageIndex;
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

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitationCheckerTest {

    private static final String F003 = "003_f221ba18038d1787.txt";
    private static final String F001 = "001_3cabf72616562acd.txt";
    private static final String REFUGE = "Around 1.5 million Palestinians have sought refuge in the city from the "
            + "ravages of the war that has so far martyred at least 34622 Palestinians.";
    private static final String BADRAN = "Badran said Netanyahu's resolve to attack Rafah was calculated to \"thwart "
            + "any possibility of concluding an agreement.\"";

    @TempDir
    static Path tmp;

    PassageIndex index;
    CitationChecker checker;
    Path articles;

    @BeforeAll
    void indexArticles() throws IOException {
        articles = tmp.resolve("articles");
        Files.createDirectories(articles);
        for (String f : List.of(F001, F003)) {
            Files.copy(Path.of("articles", f), articles.resolve(f));
        }
        Files.writeString(articles.resolve("wrapped.txt"),
                "Wrapped story\n\nThe delegation arrived in\n   Cairo on Sunday   for talks.\nIt left on Monday.\n");
        Files.writeString(articles.resolve("twin.txt"), "Twin story\n\n" + REFUGE + "\n");
        index = PassageIndex.open(tmp.resolve("index"));
        new Indexer(s -> {}).sync(new ArticleFiles(articles), index);
        checker = new CitationChecker(index);
    }

    @AfterAll
    void close() throws IOException {
        index.close();
    }

    private CitationChecker.Checked check(Claim... claims) throws IOException {
        return checker.check(new Draft(true, List.of(claims), List.of(), "test"));
    }

    private static Claim claim(String text, Place... places) {
        return new Claim(text, List.of(places), 0.5);
    }

    private String lines(String file, int start, int end) throws IOException {
        return index.article(file).orElseThrow().text(start, end);
    }

    /** Every marker [n] in the text has citation n, every citation a marker, ids 1..n in order. */
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
    void aClaimAtItsRightPlacePassesWithTheExactLinesAsQuote() throws IOException {
        CitationChecker.Checked c = check(claim(REFUGE, new Place(F003, 21, 21)));
        assertThat(c.answered()).isTrue();
        assertThat(c.dropped()).isZero();
        assertThat(c.answer()).isEqualTo(REFUGE + " [1]");
        assertThat(c.citations()).singleElement().satisfies(cit -> {
            assertThat(cit.id()).isEqualTo(1);
            assertThat(cit.file()).isEqualTo(F003);
            assertThat(cit.startLine()).isEqualTo(21);
            assertThat(cit.endLine()).isEqualTo(21);
            assertThat(cit.quote()).isEqualTo(REFUGE);
            assertThat(cit.score()).isEqualTo(0.5);
        });
        assertMarkersConsistent(c);
    }

    @Test
    void aClaimThatIsPartOfALinePasses() throws IOException {
        CitationChecker.Checked c = check(claim("We did this to free 124 hostages and then we were back to fighting.",
                new Place(F001, 16, 16)));
        assertThat(c.answered()).isTrue();
        assertThat(c.citations().get(0).quote()).isEqualTo(lines(F001, 16, 16));
    }

    @Test
    void aClaimOverHardWrappedLinesPassesWhateverTheWhitespaceAndQuotesTheLinesExactly() throws IOException {
        CitationChecker.Checked c = check(claim("The delegation arrived in Cairo on Sunday for talks.",
                new Place("wrapped.txt", 3, 4)));
        assertThat(c.answered()).isTrue();
        assertThat(c.citations().get(0).quote())
                .isEqualTo("The delegation arrived in\n   Cairo on Sunday   for talks.");
        // The same claim cited on one of its two lines only does not stand there.
        assertThat(check(claim("The delegation arrived in Cairo on Sunday for talks.", new Place("wrapped.txt", 3, 3)))
                .answered()).isFalse();
    }

    @Test
    void aWrongLineRangeIsDroppedAndTheDraftBecomesARefusal() throws IOException {
        for (Place wrong : List.of(new Place(F003, 19, 19), new Place(F003, 20, 20), new Place(F003, 22, 23),
                new Place(F003, 1, 1))) {
            CitationChecker.Checked c = check(claim(REFUGE, wrong));
            assertThat(c.answered()).as("%s", wrong).isFalse();
            assertThat(c.answer()).isEqualTo(CitationChecker.REFUSAL);
            assertThat(c.citations()).isEmpty();
            assertThat(c.dropped()).isEqualTo(1);
        }
    }

    @Test
    void aPlacePastTheEndOrOutOfOrderIsDropped() throws IOException {
        int count = index.article(F003).orElseThrow().lineCount();
        assertThat(count).isEqualTo(25);
        for (Place bad : List.of(new Place(F003, 26, 26), new Place(F003, 21, 26), new Place(F003, 0, 21),
                new Place(F003, -1, 21), new Place(F003, 21, 20), new Place(F003, 1000, 1000))) {
            CitationChecker.Checked c = check(claim(REFUGE, bad));
            assertThat(c.answered()).as("%s", bad).isFalse();
            assertThat(c.dropped()).as("%s", bad).isEqualTo(1);
        }
    }

    @Test
    void anUnknownFileIsDropped() throws IOException {
        for (String file : List.of("nope.txt", "003_f221ba18038d1787.md", "../articles/" + F003, "/" + F003, "")) {
            CitationChecker.Checked c = check(claim(REFUGE, new Place(file, 21, 21)));
            assertThat(c.answered()).as(file).isFalse();
            assertThat(c.citations()).isEmpty();
        }
    }

    @Test
    void aClaimWhoseTextIsNotInTheCitedLinesIsDropped() throws IOException {
        for (String text : List.of(REFUGE.replace("1.5", "2.5"), "Around 1.5 million Palestinians fled to Egypt.",
                REFUGE + " Extra words.", "", "   ")) {
            CitationChecker.Checked c = check(claim(text, new Place(F003, 21, 21)));
            assertThat(c.answered()).as(text).isFalse();
            assertThat(c.dropped()).isEqualTo(1);
        }
    }

    @Test
    void onlyTheFailingClaimsAndPlacesAreDropped() throws IOException {
        CitationChecker.Checked c = check(
                claim("Invented sentence that stands nowhere.", new Place(F003, 21, 21)),
                claim(REFUGE, new Place(F003, 20, 20), new Place(F003, 21, 21)),
                claim(BADRAN, new Place(F003, 23, 23), new Place("nope.txt", 1, 1)));
        assertThat(c.answered()).isTrue();
        assertThat(c.dropped()).isEqualTo(3);
        assertThat(c.answer()).isEqualTo(REFUGE + " [1] " + BADRAN + " [2]");
        assertThat(c.citations()).extracting(Citation::file, Citation::startLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(F003, 21),
                        org.assertj.core.groups.Tuple.tuple(F003, 23));
        assertThat(c.citations().get(1).quote()).isEqualTo(lines(F003, 23, 23));
        assertMarkersConsistent(c);
    }

    @Test
    void oneClaimInTwoFilesGetsTwoMarkers() throws IOException {
        CitationChecker.Checked c = check(claim(REFUGE, new Place(F003, 21, 21), new Place("twin.txt", 3, 3)));
        assertThat(c.answer()).isEqualTo(REFUGE + " [1][2]");
        assertThat(c.citations()).extracting(Citation::file).containsExactly(F003, "twin.txt");
        assertThat(c.citations()).allSatisfy(cit -> assertThat(cit.quote()).isEqualTo(REFUGE));
        assertMarkersConsistent(c);
    }

    @Test
    void aPlaceCitedTwiceKeepsOneId() throws IOException {
        CitationChecker.Checked c = check(
                claim("Around 1.5 million Palestinians have sought refuge in the city", new Place(F003, 21, 21)),
                claim(BADRAN, new Place(F003, 23, 23)),
                claim("martyred at least 34622 Palestinians.", new Place(F003, 21, 21)));
        assertThat(c.citations()).hasSize(2);
        assertThat(c.answer()).endsWith("martyred at least 34622 Palestinians. [1]");
        assertMarkersConsistent(c);
    }

    @Test
    void aRefusalOffersTheClosestPassagesThatExist() throws IOException {
        CitationChecker.Checked two = checker.check(Draft.refusal(
                List.of(new Place(F003, 19, 23), new Place("nope.txt", 1, 2), new Place(F001, 1, 3)), "test"));
        assertThat(two.answered()).isFalse();
        assertThat(two.answer()).isEqualTo(CitationChecker.REFUSAL + " The closest passages are [1] and [2].");
        assertThat(two.dropped()).isEqualTo(1);
        assertThat(two.citations()).extracting(Citation::file).containsExactly(F003, F001);
        assertThat(two.citations().get(0).quote()).isEqualTo(lines(F003, 19, 23));
        assertThat(two.citations()).allSatisfy(cit -> assertThat(cit.score()).isZero());
        assertMarkersConsistent(two);

        CitationChecker.Checked one = checker.check(Draft.refusal(List.of(new Place(F003, 21, 21)), "test"));
        assertThat(one.answer()).isEqualTo(CitationChecker.REFUSAL + " The closest passage is [1].");
        assertMarkersConsistent(one);

        CitationChecker.Checked three = checker.check(Draft.refusal(List.of(new Place(F003, 21, 21),
                new Place(F003, 23, 23), new Place(F001, 1, 1)), "test"));
        assertThat(three.answer()).isEqualTo(CitationChecker.REFUSAL + " The closest passages are [1], [2] and [3].");
        assertMarkersConsistent(three);

        CitationChecker.Checked none = checker.check(Draft.refusal(List.of(), "test"));
        assertThat(none.answer()).isEqualTo(CitationChecker.REFUSAL);
        assertThat(none.citations()).isEmpty();
    }

    @Test
    void anAnsweredDraftWithNoClaimsIsARefusal() throws IOException {
        CitationChecker.Checked c = checker.check(new Draft(true, List.of(), List.of(), "test"));
        assertThat(c.answered()).isFalse();
        assertThat(c.answer()).isEqualTo(CitationChecker.REFUSAL);
    }

    @Test
    void citationsAreCheckedAgainstTheIndexedTextNotTheFileOnDisk() throws IOException {
        Path f = articles.resolve(F003);
        String onDisk = Files.readString(f);
        try {
            Files.writeString(f, onDisk.replace("1.5 million", "9.9 million"));
            assertThat(check(claim(REFUGE, new Place(F003, 21, 21))).answered()).isTrue();
            assertThat(check(claim(REFUGE.replace("1.5", "9.9"), new Place(F003, 21, 21))).answered()).isFalse();
        } finally {
            Files.writeString(f, onDisk);
        }
    }

    @Test
    void containsIgnoresHowWhitespaceFalls() {
        assertThat(CitationChecker.contains("a  b\nc", "a b c")).isTrue();
        assertThat(CitationChecker.contains("a b c", " a\tb  c ")).isTrue();
        assertThat(CitationChecker.contains("a b c", "a bc")).isFalse();
        assertThat(CitationChecker.contains("a b c", "")).isFalse();
        assertThat(CitationChecker.contains("a b c", "A b c")).isFalse();
    }
}
