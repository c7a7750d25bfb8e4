package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.corpus.LineClassifier.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which lines of a page are article content. The five sample articles are pinned line by line; the focused
 * cases below pin each kind of page chrome and the prose that must stay.
 */
class LineClassifierTest {

    private static final Path ARTICLES = Path.of("articles");
    private final LineClassifier classifier = new LineClassifier();

    // ---------------------------------------------------------------------------------------------------------
    // The sample articles: the exact set of CONTENT lines of each file (1-based, as an editor numbers them).
    // Every other non-blank line must be CHROME.
    // ---------------------------------------------------------------------------------------------------------

    @Test
    void article000_alMayadeen() throws IOException {
        // 1-62 site name, language links, section menus; 63 "BREAKING" label.
        // 64-73 breaking-news ticker: prose (no final full stop on 64-66), stays.
        // 75 the headline. 77-81 byline, source, date, share count, reading time.
        // 83 standfirst. 85 "x", 86 repeated headline in the photo block; 87 the photo caption (kept: a factual
        //    sentence, not navigation).
        // 89 the lead sentence: it ends in U+00A0, which counts as white space, so its final '.' is seen.
        // 91-103 body; 105 and 115 "Read more:" links; 107 sub-headline; 109-113 body.
        // 117-124 tag list; 126 "Most Read" opens the teaser block that runs to the end (footer, © line, apps).
        int[] content = concat(range(64, 73),
                new int[]{75, 83, 87, 89, 91, 93, 95, 97, 99, 101, 103, 107, 109, 111, 113});
        assertContentLines("000_ee4c0ed1b0960cbf.txt", content);
    }

    @Test
    void article001_noBlankLines() throws IOException {
        // 1 headline, 2 standfirst, 3-12 body, 13 "Read next:" link, 14-16 body (16 has no final newline).
        assertContentLines("001_3cabf72616562acd.txt", concat(range(1, 12), range(14, 16)));
    }

    @Test
    void article002_commentFormAndCaptcha() throws IOException {
        // 1 "Get News Fast" (app banner); 3 headline; 5-17 body; 19 a line holding only U+00A0 (blank); 21 "©" credit; 22 ad strip with '|'; 24 "Leave a Reply",
        // 26 comment form notice, 28 captcha "3 × 2 =", 30 "Back to top button".
        assertContentLines("002_e3a4d9be1fd088d4.txt", new int[]{3, 5, 7, 9, 11, 13, 15, 17});
    }

    @Test
    void article003_headlineWithDate() throws IOException {
        // 1 " date 2024-11-13 Hamas Delegation in Cairo ..." is the headline with a date stuck to it: stays.
        // 3 "By Staff, Agencies" byline; 5-25 body, every other line.
        assertContentLines("003_f221ba18038d1787.txt", new int[]{1, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25});
    }

    @Test
    void article004_repeatedHeadlineAndPrevNext() throws IOException {
        // 1 headline, 3 and 4 the same headline repeated; 6-26 body; 28 "Follow us on Google News";
        // 30 "PREV ...", 31 "NEXT ..." links.
        assertContentLines("004_8ee1bc03666afbd8.txt", new int[]{1, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26});
    }

    @Test
    void leadSentenceEndingInNoBreakSpaceIsContent() {
        List<Kind> kinds = classifier.classify(List.of(
                "Hamas will not send delegation to Cairo at the moment: Source",
                "",
                "A Hamas delegation will not travel to Cairo at the moment, a source from the Palestinian "
                        + "Resistance told Al Mayadeen on Sunday.\u00a0"));
        assertThat(kinds).containsExactly(Kind.CONTENT, Kind.BLANK, Kind.CONTENT);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Focused cases. Each page starts with a title and a few sentences of prose, so that the line under test
    // is neither the first line nor before the article (the teaser rule needs three sentences seen).
    // ---------------------------------------------------------------------------------------------------------

    private static final List<String> PROLOGUE = List.of(
            "Delegation arrives in Cairo for ceasefire talks",
            "The delegation arrived in Cairo on Sunday for a new round of talks.",
            "Officials said the meetings would last several days.",
            "Mediators from Egypt and Qatar are expected to attend.");

    /** The kind of {@code line} placed after the prologue. */
    private Kind kindAfterPrologue(String line) {
        List<String> lines = new ArrayList<>(PROLOGUE);
        lines.add(line);
        List<Kind> kinds = classifier.classify(lines);
        assertThat(kinds.subList(0, PROLOGUE.size())).containsOnly(Kind.CONTENT);
        return kinds.get(kinds.size() - 1);
    }

    /** The kind of {@code line} placed right after the title, before any sentence (where page headers sit). */
    private Kind kindAfterTitle(String line) {
        return classifier.classify(List.of(PROLOGUE.get(0), line, PROLOGUE.get(1))).get(1);
    }

    @Nested
    class Chrome {

        @ParameterizedTest
        @ValueSource(strings = {"  • News", "    • Politics", "  • Arts&Culture", "  • US & Canada", "  • • LIVE",
                "  • Battle of Al-Aqsa Flood", "* Home", "- Contact Us", "– About", "Videos", "In Pictures",
                "BREAKING", "Slogan", "Coverage", "Android", "  • x"})
        void menusAndBulletListsOfSectionNames(String line) {
            assertThat(kindAfterTitle(line)).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @Test
        void aWholeMenuBlock() {
            List<String> lines = List.of("Site Name", "", "  • News", "    • Politics", "    • Economy",
                    "  • Articles", "    • Opinion", "News", "  • Africa", "  • Latin America",
                    "Delegation arrives in Cairo for ceasefire talks",
                    "The delegation arrived in Cairo on Sunday for a new round of talks.");
            List<Kind> kinds = classifier.classify(lines);
            assertThat(kinds.subList(2, 10)).containsOnly(Kind.CHROME);
            assertThat(kinds.subList(10, 12)).containsOnly(Kind.CONTENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2 Shares", "  • 2 Shares", "1,234 comments", "15K views", "3 Min Read",
                "5 minutes", "12 min read"})
        void shareCountsAndReadingTime(String line) {
            assertThat(kindAfterTitle(line)).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @ParameterizedTest
        @ValueSource(strings = {"By Staff, Agencies", "  • By Al Mayadeen English", "  • Source: Al Mayadeen",
                "Written by Jane Doe", "Photo: AP", "By Jane Doe and John Smith"})
        void bylines(String line) {
            assertThat(kindAfterTitle(line)).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @ParameterizedTest
        @ValueSource(strings = {"31 Mar 2024 20:18", "  • 31 Mar 2024 20:18", "Sunday, March 31, 2024", "2024-11-13",
                "  • 28 Nov 2025", "Updated: 12:30 GMT", "Published on 3 May 2024", "11/13/2024"})
        void bareDates(String line) {
            assertThat(LineClassifier.isBareDate(LineClassifier.stripBullets(line.strip()))).isTrue();
            assertThat(kindAfterTitle(line)).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "Read more: Any external presence in Gaza to be considered occupying force: Hamas",
                "Read more: US wants war on Gaza to continue, Biden-Netanyahu dispute 'theatrical'",
                "Read next: 212 days of Israeli aggression: 34,683 killed, 78,018 injured in Gaza",
                "READ MORE: Talks resume in Doha",
                "Also read: Egypt hosts a new round of ceasefire talks in Cairo this week.",
                "See also: The long road to a ceasefire",
                "Related: Egypt hosts talks",
                "PREV More than 70% of Moroccans support cannabis cultivation",
                "NEXT The director of the Red Cross warns of a “crisis” awaiting Afghanistan – Al-Manar TV website",
                "PREVIOUS Egypt hosts talks on the future of Gaza after the war",
                "next article: Egypt hosts talks",
                "previous post"})
        void readMoreReadNextAndPrevNextLinks(String line) {
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @ParameterizedTest
        @ValueSource(strings = {"All Rights Reserved", "© 2024 Al Mayadeen English. All rights reserved.",
                "© Webangah News Hub has translated this news from the source of Mehr News Agency",
                "Copyright 2024 Example Media Group", "(c) 2024 Example Media", "all rights reserved."})
        void copyrightFooters(String line) {
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Leave a Reply", "Leave a comment", "Cancel reply", "Post Comment",
                "Your email address will not be published. Required fields are marked *",
                "Notify me of follow-up comments by email.", "Notify me of new posts by email.",
                "3 × 2 =", "7 + 4 = ", "12 - 5 =", "3 x 4 =", "9 × 2 = 18", "Back to top button",
                "Follow us on Twitter", "For Latest Updates Follow us on Google News", "Subscribe to our newsletter",
                "Get News Fast", "Privacy Policy", "Terms of Use", "Skip to content", "We use cookies on this site.",
                "Advertisement", "Share this:", "Click here to download the app"})
        void commentFormsCaptchasAndPagePrompts(String line) {
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CHROME);
        }

        @Test
        void adStripsSeparatedByBars() {
            assertThat(
                    kindAfterPrologue("free zones of Iran, heaven for investment | 741 investment packages in Iran's "
                            + "free zones | With a capacity of over 158 billion dollars"))
                    .isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue("Home | World | Middle East | Sport")).isEqualTo(Kind.CHROME);
        }

        @Test
        void repeatedHeadlines() {
            List<Kind> kinds = classifier.classify(List.of(
                    "“No breakthroughs” in the “Hamas” meetings in Cairo",
                    "",
                    "“No breakthroughs” in the “Hamas” meetings in Cairo",
                    "“No breakthroughs” in the “Hamas” meetings in Cairo",
                    "Palestinian sources said that no substantive breakthrough occurred in the talks.",
                    "  • Exclusive: No breakthroughs in Hamas meetings in Cairo"));
            assertThat(kinds).containsExactly(Kind.CONTENT, Kind.BLANK, Kind.CHROME, Kind.CHROME, Kind.CONTENT,
                    Kind.CHROME);
        }

        @Test
        void siteNameRepeatedInHeaderAndFooterIsChromeEvenAsFirstLine() {
            List<Kind> kinds = classifier
                    .classify(List.of("Al Mayadeen English", "Hamas delegation leaves Cairo for Doha",
                            "The delegation left Cairo on Monday night.", "Al Mayadeen English"));
            assertThat(kinds).containsExactly(Kind.CHROME, Kind.CONTENT, Kind.CONTENT, Kind.CHROME);
        }

        @Test
        void teaserBlockAfterTheArticleRunsToTheEnd() {
            List<String> lines = new ArrayList<>(PROLOGUE);
            lines.addAll(
                    List.of("", "Most Read", "", "13 elite Israeli troops were wounded in confrontations in Syria.",
                            "Four killed, ten wounded in targeted California shooting in Stockton", "  • 28 Nov 2025",
                            "Al Mayadeen is an Arab Independent Media Satellite Channel."));
            List<Kind> kinds = classifier.classify(lines);
            assertThat(kinds.subList(0, 4)).containsOnly(Kind.CONTENT);
            assertThat(kinds.subList(4, lines.size())).doesNotContain(Kind.CONTENT);
        }

        @Test
        void teaserHeaderBeforeThreeSentencesDoesNotSwallowTheArticle() {
            // "Read Next" in the page header, before the article: only that line goes.
            List<Kind> kinds = classifier.classify(List.of("Delegation arrives in Cairo for ceasefire talks",
                    "Read Next", "The delegation arrived in Cairo on Sunday for a new round of talks.",
                    "Officials said the meetings would last several days."));
            assertThat(kinds).containsExactly(Kind.CONTENT, Kind.CHROME, Kind.CONTENT, Kind.CONTENT);
        }

        @Test
        void symbolsOnlyLines() {
            assertThat(kindAfterPrologue("* * *")).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue("|")).isEqualTo(Kind.CHROME);
            assertThat(kindAfterPrologue("\u00a0")).isEqualTo(Kind.BLANK);
        }
    }

    @Nested
    class ProseStays {

        @ParameterizedTest
        @ValueSource(strings = {
                "Next week the delegation will return to Cairo for another round of talks.",
                "Next, the mediators will present a new proposal to both sides.",
                "Previously, Hamas had rejected a similar proposal.",
                "Read more about the talks in the statement the movement issued on Friday.",
                "By Sunday evening, the delegation had left Cairo for Doha.",
                "Source familiar with the talks said no progress had been made on the prisoner exchange deal.",
                "Around 1.5 million Palestinians have sought refuge in the city from the ravages of the war.",
                "He resigned.",
                "On Sunday, March 31, 2024, the delegation arrived in Cairo.",
                "The talks lasted 3 days and 2 nights.",
                "The 3 × 2 formula was discussed at length by the mediators in Cairo.",
                "Israeli media outlet: Gunmen emerged from a tunnel in Rafah and attacked forces in the area with "
                        + "gunfire and anti-tank missiles",
                "Lebanese Presidency: President has assigned former Ambassador Simon Karam to head military technical "
                        + "committee in talks.",
                "Ushakov: Russia and the United States agreed not to disclose the substance of the talks."})
        void sentencesAndBreakingNews(String line) {
            assertThat(kindAfterTitle(line)).isEqualTo(Kind.CONTENT);
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CONTENT);
        }

        @Test
        void headlineAsFirstLine() {
            List<Kind> kinds = classifier
                    .classify(List.of("Hamas delegation leaves Cairo to consult negotiations in Doha",
                            "The delegation left Cairo on Monday night."));
            assertThat(kinds).containsExactly(Kind.CONTENT, Kind.CONTENT);
        }

        @Test
        void shortHeadlineAsFirstLineStays() {
            List<Kind> kinds = classifier.classify(List.of("Super Bowl 50", "", "The game was played in February."));
            assertThat(kinds).containsExactly(Kind.CONTENT, Kind.BLANK, Kind.CONTENT);
        }

        @Test
        void subHeadlineInsideTheArticle() {
            assertThat(kindAfterPrologue("Abdel Hadi: 'Israel' has no intention to reach a deal"))
                    .isEqualTo(Kind.CONTENT);
            assertThat(kindAfterPrologue("Egypt steps up its mediation efforts")).isEqualTo(Kind.CONTENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "  • The delegation will return to Cairo on Sunday, officials said.",
                "- Hamas demanded a complete withdrawal of Israeli forces from the Gaza Strip.",
                "* Egypt and Qatar will keep mediating between the two sides."})
        void bulletThatIsARealSentence(String line) {
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CONTENT);
        }

        @Test
        void bulletThatIsALongPhrase() {
            // More than six words without a full stop: a list item of the article, not a menu entry.
            assertThat(kindAfterPrologue("  • A complete withdrawal of Israeli forces from the Gaza Strip"))
                    .isEqualTo(Kind.CONTENT);
        }

        @Test
        void blankLinesAreBlank() {
            assertThat(classifier.classify(List.of("", "   ", "\t"))).containsOnly(Kind.BLANK);
        }

        @Test
        void oneKindPerLine() {
            List<String> lines = List.of("Title of it all", "", "x", "A sentence here.");
            assertThat(classifier.classify(lines)).hasSize(lines.size());
            assertThat(classifier.classify(List.of())).isEmpty();
        }
    }

    /** Chrome the classifier keeps today. */
    @Nested
    class KnownFalseNegatives {

        @Test
        void capitalisedNextArticleLinkIsChrome() {
            assertThat(kindAfterPrologue("Next article: Egypt hosts talks")).isEqualTo(Kind.CHROME);
        }

    }

    /** Prose that mentions a word of site furniture is still prose. */
    @Nested
    class KnownFalsePositives {

        @ParameterizedTest
        @ValueSource(strings = {
                "The court ruled on the copyright dispute between the two publishers.",
                "The newsletter was banned by the government.",
                "Police said the advertisement was misleading.",
                "Workers at the cookie factory went on strike."})
        void proseMentioningAChromeWordStays(String line) {
            assertThat(kindAfterPrologue(line)).isEqualTo(Kind.CONTENT);
        }

        @Test
        void wordpressSaveMyNameLineIsChrome() {
            assertThat(
                    kindAfterPrologue("Save my name, email, and website in this browser for the next time I comment."))
                    .isEqualTo(Kind.CHROME);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void assertContentLines(String file, int[] expected) throws IOException {
        Article article = new ArticleReader().read(ARTICLES.resolve(file), file);
        List<Kind> kinds = classifier.classify(article.lines());
        assertThat(kinds).hasSize(article.lineCount());
        SortedSet<Integer> content = new TreeSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == Kind.CONTENT) {
                content.add(i + 1);
            }
            boolean blank = Text.strip(article.lines().get(i)).isEmpty();
            assertThat(kinds.get(i) == Kind.BLANK).as("line %d is blank", i + 1).isEqualTo(blank);
        }
        assertThat(content).as("content lines of %s", file)
                .containsExactlyElementsOf(IntStream.of(expected).boxed().sorted().toList());
    }

    private static int[] range(int first, int last) {
        return IntStream.rangeClosed(first, last).toArray();
    }

    private static int[] concat(int[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToInt(IntStream::of).toArray();
    }
}
