package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.corpus.Passage;
import dev.footnote.corpus.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnitTest {

    private static final Sentence A = new Sentence("The delegation arrived in Cairo.", 3, 3);
    private static final Sentence B = new Sentence("It left on Monday.", 4, 4);
    private static final Sentence C = new Sentence("Talks resumed in Doha.", 7, 7);

    @Test
    void theArticleTextHasEachHeadingWhereItChangesAndEachSentenceOnce() {
        List<Passage> passages = List.of(
                new Passage("a.txt", 3, 4, List.of(A, B), "Talks in Cairo"),
                new Passage("a.txt", 4, 4, List.of(B), "Talks in Cairo"),
                new Passage("a.txt", 7, 7, List.of(C), "Later"));
        assertThat(Unit.articleText(passages))
                .isEqualTo(
                        "Talks in Cairo\nThe delegation arrived in Cairo. It left on Monday.\nLater\nTalks resumed in Doha.");
    }

    @Test
    void everyFileHasOneArticleUnitStandingInNoPassage() {
        List<Passage> passages = List.of(new Passage("a.txt", 3, 4, List.of(A, B), "Talks in Cairo"),
                new Passage("a.txt", 7, 7, List.of(C), ""));
        List<Unit> articles = Unit.of(passages).stream().filter(u -> u.kind() == Unit.Kind.ARTICLE).toList();
        assertThat(articles).hasSize(1);
        assertThat(articles.get(0).passages()).isEmpty();
        assertThat(Unit.of(List.of())).isEmpty();
    }

    @Test
    void anArticleOfOnePassageSharesThatPassagesText() {
        Passage only = new Passage("a.txt", 3, 4, List.of(A, B), "Talks in Cairo");
        assertThat(Unit.articleText(List.of(only))).isEqualTo(Unit.passageText(only));
    }
}
