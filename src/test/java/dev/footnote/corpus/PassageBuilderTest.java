package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.corpus.LineClassifier.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class PassageBuilderTest {

    private final PassageBuilder builder = new PassageBuilder();

    private static Article article(String... lines) {
        return new Article("a.txt", List.of(lines), "hash", "UTF-8");
    }

    private static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    @Test
    void consecutiveContentLinesMakeOverlappingWindowsOfThreeSentences() {
        Article a = article(
                "Talks resume in Cairo",
                "",
                "One was said.",
                "Two was said.",
                "Three was said.",
                "Four was said.",
                "Five was said.");
        List<Passage> passages = builder.build(a);
        assertThat(passages).extracting(Passage::startLine, Passage::endLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 4), org.assertj.core.groups.Tuple.tuple(4, 6),
                        org.assertj.core.groups.Tuple.tuple(6, 7));
        assertThat(passages.get(0).text()).isEqualTo("Talks resume in Cairo One was said. Two was said.");
        assertThat(passages.get(1).text()).isEqualTo("Two was said. Three was said. Four was said.");
        assertThat(passages.get(2).text()).isEqualTo("Four was said. Five was said.");
        // Each window overlaps the next by exactly one sentence.
        for (int i = 0; i + 1 < passages.size(); i++) {
            List<Sentence> s = passages.get(i).sentences();
            assertThat(passages.get(i + 1).sentences().get(0)).isEqualTo(s.get(s.size() - 1));
        }
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.file()).isEqualTo("a.txt");
            assertThat(p.heading()).isEqualTo("Talks resume in Cairo");
            assertThat(p.sentences()).hasSizeBetween(1, 3);
        });
    }

    @Test
    void windowSizeAndCharacterLimitAreRespected() {
        Article a = article("Title line for this", "Aaaa aaaa. Bbbb bbbb. Cccc cccc. Dddd dddd. Eeee eeee.");
        List<Passage> twoEach = new PassageBuilder(2, 800).build(a);
        assertThat(twoEach).allSatisfy(p -> assertThat(p.sentences()).hasSizeLessThanOrEqualTo(2));
        List<Passage> shortOnes = new PassageBuilder(10, 25).build(a);
        assertThat(shortOnes).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(25));
        assertThat(shortOnes).hasSizeGreaterThan(1);
    }

    @Test
    void neverCrossesAHeadline() {
        Article a = article(
                "Hamas delegation arrives in Cairo",
                "",
                "The delegation arrived on Sunday.",
                "It met Egyptian officials.",
                "",
                "Abdel Hadi: Israel has no intention to reach a deal",
                "",
                "Abdel Hadi spoke on Saturday.",
                "He said the talks had stalled.");
        List<Passage> passages = builder.build(a);
        assertThat(passages).isNotEmpty();
        for (Passage p : passages) {
            boolean before = p.endLine() <= 4;
            boolean after = p.startLine() >= 6;
            assertThat(before || after).as("passage %d-%d crosses the headline on line 6", p.startLine(), p.endLine())
                    .isTrue();
            assertThat(p.heading()).isEqualTo(before
                    ? "Hamas delegation arrives in Cairo"
                    : "Abdel Hadi: Israel has no intention to reach a deal");
        }
        assertThat(passages).anySatisfy(p -> assertThat(p.startLine()).isEqualTo(6));
    }

    @Test
    void markdownHeadingStartsASection() {
        Article a = article("# Cairo talks", "The talks began.", "They ended.", "## Reactions from the region",
                "Hamas welcomed it.");
        List<Passage> passages = builder.build(a);
        assertThat(passages).extracting(Passage::heading).containsExactly("Cairo talks", "Reactions from the region");
        assertThat(passages.get(1).startLine()).isEqualTo(4);
    }

    @Test
    void shortMarkdownHeadingStartsASection() {
        Article a = article("# Cairo talks", "The talks began.", "They ended.", "## Reactions", "Hamas welcomed it.");
        List<Passage> passages = builder.build(a);
        assertThat(passages).extracting(Passage::heading).containsExactly("Cairo talks", "Reactions");
    }

    @Test
    void chromeIsNeverInAPassageAndSplitsTheText() {
        Article a = article(
                "Hamas delegation arrives in Cairo",
                "The delegation arrived on Sunday.",
                "Read more: Egypt hosts talks",
                "It met Egyptian officials.",
                "  • 2 Shares",
                "All Rights Reserved");
        List<Kind> kinds = new LineClassifier().classify(a.lines());
        assertThat(kinds.get(2)).isEqualTo(Kind.CHROME);
        List<Passage> passages = builder.build(a);
        assertThat(passages).extracting(Passage::startLine, Passage::endLine)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(4, 4));
        assertThat(passages).noneSatisfy(p -> assertThat(p.text()).containsAnyOf("Read more", "Shares", "Reserved"));
    }

    @Test
    void aShareBarDirectlyBelowAHeadlineDoesNotPartItFromItsText() {
        // As a PDF prints a web page.
        Article pdf = article(
                "Hamas delegation leaves Cairo for Doha",
                "Share on Facebook Share on X WhatsApp 1.2k shares",
                "The delegation will leave Cairo tonight.");
        Article counter = article("Hamas delegation leaves Cairo for Doha", "2 Shares",
                "The delegation will leave Cairo tonight.");
        for (Article a : List.of(pdf, counter)) {
            assertThat(new LineClassifier().classify(a.lines()).get(1)).isEqualTo(Kind.CHROME);
            List<Passage> passages = builder.build(a);
            assertThat(passages).extracting(Passage::startLine, Passage::endLine)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3));
            assertThat(passages.get(0).text()).doesNotContain("Share");
        }
    }

    @Test
    void aBylineBelowAHeadlineOrFurnitureAfterABlankLineStillParts() {
        Article byline = article("Hamas delegation leaves Cairo for Doha", "By Staff, Agencies",
                "The delegation will leave Cairo tonight.");
        Article blank = article("Hamas delegation leaves Cairo for Doha", "",
                "Share on Facebook Share on X WhatsApp", "The delegation will leave Cairo tonight.");
        for (Article a : List.of(byline, blank)) {
            assertThat(builder.build(a)).extracting(Passage::startLine).containsExactly(1, a.lines().size());
        }
    }

    @Test
    void explicitKindsAreHonoured() {
        Article a = article("First sentence here.", "Second sentence here.", "Third sentence here.");
        List<Passage> passages = builder.build(a, List.of(Kind.CONTENT, Kind.CHROME, Kind.CONTENT));
        assertThat(passages).extracting(Passage::text)
                .containsExactly("First sentence here.", "Third sentence here.");
        assertThat(builder.build(a, List.of(Kind.CHROME, Kind.CHROME, Kind.BLANK))).isEmpty();
    }

    @Test
    void longLineHoldingAParagraphIsCutIntoSentenceWindowsThatAllNameThatLine() {
        StringBuilder paragraph = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            paragraph.append("Sentence number ").append(i).append(" of the long paragraph says something. ");
        }
        String line = paragraph.toString().strip();
        Article a = article("A short title here", "", line, "", "A closing sentence.");
        List<Passage> passages = builder.build(a);
        List<Passage> onLine3 = passages.stream().filter(p -> p.startLine() == 3 && p.endLine() == 3).toList();
        assertThat(onLine3).hasSizeGreaterThanOrEqualTo(3);
        assertThat(onLine3).allSatisfy(p -> {
            assertThat(p.sentences()).hasSizeBetween(1, 3);
            assertThat(p.sentences()).allSatisfy(s -> {
                assertThat(s.startLine()).isEqualTo(3);
                assertThat(s.endLine()).isEqualTo(3);
                assertThat(line).contains(s.text());
            });
        });
        // Every sentence of the paragraph is in some window.
        for (int i = 1; i <= 8; i++) {
            String s = "Sentence number " + i + " of the long paragraph says something.";
            assertThat(passages).anySatisfy(p -> assertThat(p.text()).contains(s));
        }
        // No passage mixes line 3 with another line's sentence beyond the overlap rule: each window is a run.
        assertThat(passages).allSatisfy(p -> assertThat(p.startLine()).isLessThanOrEqualTo(p.endLine()));
    }

    @Test
    void hardWrappedSentenceNamesBothLines() {
        Article a = article(
                "Talks resume in Cairo",
                "",
                "The Hamas delegation arrived in",
                "Cairo on Sunday for talks with mediators.",
                "It left on Monday.");
        List<Passage> passages = builder.build(a);
        List<Sentence> sentences = passages.stream().flatMap(p -> p.sentences().stream()).distinct().toList();
        assertThat(sentences).contains(new Sentence(
                "The Hamas delegation arrived in Cairo on Sunday for talks with mediators.", 3, 4));
        assertThat(sentences).contains(new Sentence("It left on Monday.", 5, 5));
    }

    @Test
    void continuesAndIsHeadline() {
        assertThat(PassageBuilder.continues("The delegation arrived in", "Cairo on Sunday.")).isTrue();
        assertThat(PassageBuilder.continues("The delegation arrived,", "Officials said.")).isTrue();
        assertThat(PassageBuilder.continues("The delegation arrived", "on Sunday.")).isTrue();
        assertThat(PassageBuilder.continues("The delegation arrived.", "on Sunday.")).isFalse();
        assertThat(PassageBuilder.continues("Talks resume in Cairo", "The delegation arrived.")).isFalse();
        assertThat(PassageBuilder.continues("The list has", "• one item")).isFalse();
        assertThat(PassageBuilder.continues("# Heading of", "the section")).isFalse();
        assertThat(PassageBuilder.continues("", "x")).isFalse();

        assertThat(PassageBuilder.isHeadline("Hamas delegation leaves Cairo to consult negotiations in Doha")).isTrue();
        assertThat(PassageBuilder.isHeadline("# A sentence-like heading.")).isTrue();
        assertThat(PassageBuilder.isHeadline("The delegation arrived on Sunday.")).isFalse();
        assertThat(PassageBuilder.isHeadline("one two three four five six seven eight nine ten eleven twelve "
                + "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone")).isFalse();
    }

    @Test
    void emptyArticleHasNoPassages() {
        assertThat(builder.build(article())).isEmpty();
        assertThat(builder.build(article("", "  ", ""))).isEmpty();
    }

    /**
     * The invariant citations rely on: over the sample articles, every sentence of every passage stands in the
     * lines it names (whitespace aside), passages lie on content lines only, and no content line is lost.
     */
    @Test
    void sampleArticlesEverySentenceStandsInTheLinesItNames() throws IOException {
        SortedMap<String, Path> files = new ArticleFiles(Path.of("articles")).list();
        assertThat(files).hasSize(5);
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Article a = new ArticleReader().read(e.getValue(), e.getKey());
            List<Kind> kinds = new LineClassifier().classify(a.lines());
            List<Passage> passages = builder.build(a);
            assertThat(passages).as(e.getKey()).isNotEmpty();
            java.util.Set<Integer> covered = new java.util.HashSet<>();
            for (Passage p : passages) {
                assertThat(p.file()).isEqualTo(e.getKey());
                assertThat(p.sentences()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
                assertThat(p.startLine()).isEqualTo(p.sentences().get(0).startLine());
                assertThat(p.endLine()).isEqualTo(p.sentences().get(p.sentences().size() - 1).endLine());
                for (Sentence s : p.sentences()) {
                    assertThat(normalize(a.text(s.startLine(), s.endLine())))
                            .as("%s:%d-%d", e.getKey(), s.startLine(), s.endLine())
                            .contains(normalize(s.text()));
                    for (int l = s.startLine(); l <= s.endLine(); l++) {
                        assertThat(kinds.get(l - 1)).as("%s:%d", e.getKey(), l).isEqualTo(Kind.CONTENT);
                        covered.add(l);
                    }
                }
            }
            for (int l = 1; l <= a.lineCount(); l++) {
                if (kinds.get(l - 1) == Kind.CONTENT) {
                    assertThat(covered).as("content line %s:%d is in a passage", e.getKey(), l).contains(l);
                }
            }
        }
    }

    @Test
    void sampleArticle000PassagesStandUnderTheirHeadlines() throws IOException {
        Article a = new ArticleReader().read(Path.of("articles/000_ee4c0ed1b0960cbf.txt"), "000_ee4c0ed1b0960cbf.txt");
        List<Passage> passages = builder.build(a);
        // Breaking-news ticker (64-73) has no headline of its own; 75 is the title, 107 a sub-headline.
        for (Passage p : passages) {
            assertThat(p.startLine() < 75 && p.endLine() >= 75).as("%d-%d crosses 75", p.startLine(), p.endLine())
                    .isFalse();
            assertThat(p.startLine() < 107 && p.endLine() >= 107).as("%d-%d crosses 107", p.startLine(), p.endLine())
                    .isFalse();
            String expected = p.startLine() < 75
                    ? ""
                    : p.startLine() < 107
                            ? "Hamas will not send delegation to Cairo at the moment: Source"
                            : "Abdel Hadi: 'Israel' has no intention to reach a deal";
            assertThat(p.heading()).isEqualTo(expected);
            assertThat(p.endLine()).isLessThanOrEqualTo(113); // nothing from the teasers and footer
        }
        assertThat(passages).extracting(p -> p.startLine() + "-" + p.endLine()).containsExactly(
                "64-66", "66-68", "68-70", "70-72", "72-73", "75-75", "83-83", "87-89", "89-93", "93-97", "97-99",
                "99-103", "107-111", "111-113");
    }

    @Test
    void sampleArticle003PassagesAndHeading() throws IOException {
        Article a = new ArticleReader().read(Path.of("articles/003_f221ba18038d1787.txt"), "003_f221ba18038d1787.txt");
        List<Passage> passages = builder.build(a);
        assertThat(passages).extracting(p -> p.startLine() + "-" + p.endLine())
                .containsExactly("1-1", "5-7", "7-11", "11-15", "15-19", "19-23", "23-25");
        assertThat(passages).extracting(Passage::heading).containsOnly(
                "date 2024-11-13 Hamas Delegation in Cairo for Ceasefire Talks: Positive Spirit to Reach A Deal");
        assertThat(passages).anySatisfy(p -> assertThat(p.sentences()).contains(new Sentence(
                "Around 1.5 million Palestinians have sought refuge in the city from the ravages of the war that has "
                        + "so far martyred at least 34622 Palestinians.",
                21, 21)));
    }
}
