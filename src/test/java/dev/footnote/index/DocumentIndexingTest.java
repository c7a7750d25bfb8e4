package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footnote.Formats;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.corpus.DocumentExtractor;
import dev.footnote.corpus.StandInWorker;
import dev.footnote.retrieve.Retriever;
import dev.footnote.retrieve.SearchHit;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of documents and of bad files, indexed for real: every bad file is reported once and skipped, the good
 * ones are indexed with their origins, and later passes re-read only what changed.
 */
class DocumentIndexingTest {

    @TempDir
    Path tmp;

    @Test
    void badFilesAreReportedOnceAndTheRestIsIndexed() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("articles"));
        Files.copy(Formats.file("html", "001_3cabf72616562acd"), folder.resolve("cairo.html"));
        Files.copy(Formats.file("pdf", "003_f221ba18038d1787"), folder.resolve("rafah.pdf"));
        Files.copy(Formats.file("docx", "004_8ee1bc03666afbd8"), folder.resolve("talks.docx"));
        Files.copy(Formats.file("odt", "002_e3a4d9be1fd088d4"), folder.resolve("progress.odt"));
        Files.copy(Formats.file("epub", "000_ee4c0ed1b0960cbf"), folder.resolve("israeli-media.epub"));
        Files.copy(Formats.file("rtf", "001_3cabf72616562acd"), folder.resolve("doha.rtf"));
        Files.write(folder.resolve("locked.pdf"), dev.footnote.corpus.DocumentParserTest.lockedPdf());
        Files.write(folder.resolve("scanned.pdf"), dev.footnote.corpus.DocumentParserTest.scannedPdf());
        byte[] docx = Files.readAllBytes(Formats.file("docx", "001_3cabf72616562acd"));
        Files.write(folder.resolve("cut.docx"), java.util.Arrays.copyOf(docx, docx.length / 2));
        Files.write(folder.resolve("bomb.docx"), dev.footnote.corpus.DocumentParserTest.zipBomb(docx));
        Files.copy(Formats.file("html", "002_e3a4d9be1fd088d4"), folder.resolve("crash.html"));
        try (RandomAccessFile huge = new RandomAccessFile(folder.resolve("huge.pdf").toFile(), "rw")) {
            huge.setLength(300L * 1024 * 1024); // sparse: 300 MB to the indexer, nothing on the disk
        }

        List<String> log = new ArrayList<>();
        DocumentExtractor.Limits limits = new DocumentExtractor.Limits(Duration.ofSeconds(60), 20_000_000, 512);
        try (PassageIndex index = PassageIndex.open(tmp.resolve("index"));
                DocumentExtractor extractor = new DocumentExtractor(limits,
                        DocumentExtractor.workerCommand(limits, StandInWorker.class.getName()))) {
            Indexer indexer = new Indexer(null, log::add, extractor);
            ArticleFiles files = new ArticleFiles(folder);
            IndexReport first = indexer.sync(files, index);

            assertThat(first.added()).as(first.failed().toString()).containsExactlyInAnyOrder("cairo.html", "rafah.pdf",
                    "talks.docx",
                    "progress.odt", "israeli-media.epub", "doha.rtf");
            assertThat(first.failed()).containsExactlyInAnyOrder(
                    "bomb.docx: looks like a zip bomb: it unpacks to more than 256 MB",
                    "cut.docx: cannot be read as a Word document: its zip package is broken (Unexpected end of ZLIB "
                            + "input stream)",
                    "crash.html: the parser process ended while reading it (exit status 7)",
                    "huge.pdf: too large (300 MB; the limit is 64 MB)",
                    "locked.pdf: encrypted: it cannot be read without its password",
                    "scanned.pdf: no text; not OCR'd (1 page of pictures only, as a scanned PDF has)");
            assertThat(log.stream().filter(l -> l.startsWith("skipped "))).hasSize(6);
            assertThat(extractor.running()).as("the pass ends its child").isFalse();

            // The next pass skips them quietly, re-reads nothing unchanged, and still lists what it skips.
            int said = log.size();
            IndexReport second = indexer.sync(files, index);
            assertThat(second.unchanged()).isEqualTo(6);
            assertThat(second.failed()).hasSize(6);
            assertThat(log.subList(said, log.size())).noneMatch(l -> l.startsWith("skipped "));

            // What was indexed knows where it came from.
            Article pdf = index.article("rafah.pdf").orElseThrow();
            assertThat(pdf.layout().format()).isEqualTo("pdf");
            assertThat(pdf.layout().title()).contains("Hamas Delegation in Cairo");
            List<SearchHit> hits = new Retriever(index).search("Palestinians sought refuge in Rafah", 3);
            SearchHit top = hits.get(0);
            assertThat(top.passage().file()).isEqualTo("rafah.pdf");
            assertThat(pdf.layout().origin(top.passage().startLine()).page()).isEqualTo(1);

            // A fixed file is read again and indexed; a changed document replaces its text; a gone one leaves.
            Files.copy(Formats.file("docx", "003_f221ba18038d1787"), folder.resolve("cut.docx"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Formats.file("pdf", "000_ee4c0ed1b0960cbf"), folder.resolve("rafah.pdf"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(folder.resolve("cairo.html"));
            IndexReport third = indexer.sync(files, index);
            assertThat(third.added()).containsExactly("cut.docx");
            assertThat(third.changed()).containsExactly("rafah.pdf");
            assertThat(third.removed()).containsExactly("cairo.html");
            assertThat(third.unchanged()).isEqualTo(4);
            assertThat(index.article("rafah.pdf").orElseThrow().layout().title()).startsWith("Israeli media outlet");
        }
    }
}
