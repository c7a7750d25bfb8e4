package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footnote.Formats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The child process that parses documents: real JVMs, killed on a hang, replaced after a crash or running out. */
class DocumentExtractorTest {

    @Test
    void aParserThatHangsOrCrashesCostsOnlyItsFile() throws Exception {
        DocumentExtractor.Limits limits = new DocumentExtractor.Limits(Duration.ofSeconds(10), 1_000_000, 256);
        byte[] page = Files.readAllBytes(Formats.file("html", "001_3cabf72616562acd"));
        try (DocumentExtractor extractor = new DocumentExtractor(limits,
                DocumentExtractor.workerCommand(limits, StandInWorker.class.getName()))) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> extractor.extract("hang.html", page)).isInstanceOf(ExtractionException.class)
                    .hasMessage("its parser did not finish within 10 s, so it was stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            assertThat(extractor.running()).isFalse();
            // The next file gets a new child.
            assertThat(extractor.extract("page.html", page).lines()).hasSize(16);
            assertThatThrownBy(() -> extractor.extract("crash.html", page)).isInstanceOf(ExtractionException.class)
                    .hasMessageContaining("ended while reading it (exit status 7)");
            assertThat(extractor.extract("again.html", page).title()).startsWith("Hamas delegation leaves Cairo");
        }
    }

    @Test
    void theRealWorkerReturnsWhatTheParserFindsAndEndsWithThePass() throws Exception {
        byte[] pdf = Files.readAllBytes(Formats.file("pdf", "003_f221ba18038d1787"));
        ExtractedDocument here = new DocumentParser(DocumentExtractor.Limits.DEFAULTS.maxChars()).parse("a.pdf", pdf);
        try (DocumentExtractor extractor = new DocumentExtractor()) {
            ExtractedDocument there = extractor.extract("a.pdf", pdf);
            assertThat(there).isEqualTo(here);
            assertThat(there.origins()).allMatch(o -> o.page() >= 1);
            assertThat(extractor.running()).isTrue();
            extractor.release();
            assertThat(extractor.running()).isFalse();
            assertThatThrownBy(() -> extractor.extract("scan.pdf",
                    DocumentParserTest.save(new org.apache.pdfbox.pdmodel.PDDocument())))
                    .isInstanceOf(ExtractionException.class);
        }
    }

    @Test
    void aFileThatExhaustsTheChildsMemoryIsReportedAndTheNextIsRead() throws Exception {
        DocumentExtractor.Limits small = new DocumentExtractor.Limits(Duration.ofSeconds(60), 50_000_000, 48);
        byte[] huge = ("<html><body>" + "<p>Paragraph of a very long page that a small heap cannot hold.</p>\n"
                .repeat(400_000) + "</body></html>").getBytes(StandardCharsets.UTF_8);
        try (DocumentExtractor extractor = new DocumentExtractor(small)) {
            assertThatThrownBy(() -> extractor.extract("huge.html", huge)).isInstanceOf(ExtractionException.class)
                    .hasMessage("its parser ran out of memory (the limit is 48 MB)");
            assertThat(extractor.extract("page.html", Files.readAllBytes(Formats.file("html",
                    "002_e3a4d9be1fd088d4"))).lines()).isNotEmpty();
        }
    }
}
