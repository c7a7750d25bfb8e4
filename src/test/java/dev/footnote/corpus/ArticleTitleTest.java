package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.SampleArticles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleTitleTest {

    private final ArticleTitle titles = new ArticleTitle();
    private final ArticleReader reader = new ArticleReader();

    private String title(String file) throws IOException {
        return titles.of(reader.parse(file, Files.readAllBytes(SampleArticles.FOLDER.resolve(file))));
    }

    private String titleOf(String file, String text) {
        return titles.of(reader.parse(file, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSampleArticlesAreTitledByTheirHeadlines() throws IOException {
        // Below a menu and a ticker of one-line teasers: the headline the article's prose follows.
        assertThat(title("000_ee4c0ed1b0960cbf.txt"))
                .isEqualTo("Hamas will not send delegation to Cairo at the moment: Source");
        assertThat(title("001_3cabf72616562acd.txt"))
                .isEqualTo("Hamas delegation leaves Cairo to consult negotiations in Doha");
        // Below "Get News Fast", which the classifier marks as chrome.
        assertThat(title("002_e3a4d9be1fd088d4.txt"))
                .isEqualTo("Senior Hamas official: Cairo negotiations have not made progress");
        // The scraped date glued before the headline is left out.
        assertThat(title("003_f221ba18038d1787.txt"))
                .isEqualTo("Hamas Delegation in Cairo for Ceasefire Talks: Positive Spirit to Reach A Deal");
        assertThat(title("004_8ee1bc03666afbd8.txt"))
                .isEqualTo("\u201cNo breakthroughs\u201d in the \u201cHamas\u201d meetings in Cairo");
    }

    @Test
    void aMarkdownHeadingIsTheTitleEvenAboveAShortIntroduction() {
        assertThat(titleOf("notes/a.md", "# Water rights in the valley\n\nA short note.\n\n## Background\n\n"
                + "The valley has argued about water for a century, and the courts have ruled many times. ".repeat(8)))
                .isEqualTo("Water rights in the valley");
    }

    @Test
    void withoutAHeadlineTheFirstSentenceStandsInAndTheFileNameOnlyForNoText() {
        assertThat(titleOf("a.txt", "The council met on Tuesday and agreed, after a long debate that ran late into "
                + "the night, to close the bridge.\nIt will reopen in May."))
                .isEqualTo("The council met on Tuesday and agreed, after a long debate that\u2026");
        assertThat(titleOf("dir/b.txt", "")).isEqualTo("b.txt");
        assertThat(titleOf("c.txt", "\n  \n")).isEqualTo("c.txt");
    }

    @Test
    void aVeryLongHeadlineIsCut() {
        String headline = "Word ".repeat(19) + "x".repeat(200);
        String title = titleOf("d.txt", headline + "\n" + "Some prose follows the headline here. ".repeat(20));
        assertThat(title).hasSize(ArticleTitle.MAX_CHARS).endsWith("\u2026");
        assertThat(List.of(title.split(" "))).startsWith("Word", "Word");
    }
}
