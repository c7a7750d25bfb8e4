package dev.footnote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.index.IndexReport;
import dev.footnote.index.VectorPlan;
import dev.footnote.index.VectorPlan.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command given no vector options indexes under the plan the index was made under, instead of redoing an index
 * made with derived vectors back to the default (which would embed every passage and article text again). The
 * real model and a real index on disk.
 */
class VectorPlanMemoryTest {

    private static final VectorPlan DERIVED = new VectorPlan(Source.EMBEDDED, Source.DERIVED, Source.DERIVED);

    @TempDir
    Path tmp;

    private IndexReport sync(Path articles, VectorPlan plan, List<String> log) throws IOException {
        try (Footnote f = Footnote.open(Config.of(articles, tmp.resolve("index")).withVectors(plan), log::add)) {
            return f.sync();
        }
    }

    @Test
    void noVectorOptionsKeepThePlanTheIndexWasMadeUnder() throws IOException {
        Path articles = SampleArticles.copyTo(tmp.resolve("articles"));
        List<String> log = new ArrayList<>();
        assertThat(sync(articles, DERIVED, log).added()).hasSize(5);

        IndexReport asMade = sync(articles, null, log);
        assertThat(asMade.changedAnything()).as(asMade.summary()).isFalse();
        assertThat(log).contains("vectors as the index was made: " + DERIVED);

        // Asking for the default plan by name still redoes the index under it.
        assertThat(sync(articles, VectorPlan.DEFAULT, log).changed()).hasSize(5);
        assertThat(sync(articles, null, log).changedAnything()).isFalse();
    }

    @Test
    void aTagReadsBackAsThePlanThatWroteIt() {
        for (Source p : Source.values()) {
            for (Source a : Source.values()) {
                VectorPlan plan = new VectorPlan(Source.EMBEDDED, p, a);
                assertThat(VectorPlan.ofTag(plan.tag())).contains(plan);
            }
        }
        assertThat(VectorPlan.ofTag("")).isEmpty(); // an index from before article vectors
        assertThat(VectorPlan.recordedIn(List.of("m+article", "m+article"), "m")).contains(VectorPlan.ALL_EMBEDDED);
        assertThat(VectorPlan.recordedIn(List.of("m+article", "m" + DERIVED.tag()), "m")).isEmpty();
        assertThat(VectorPlan.recordedIn(List.of(), "m")).isEmpty();
    }
}
