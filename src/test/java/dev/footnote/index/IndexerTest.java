package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.footnote.Config;
import dev.footnote.Footnote;
import dev.footnote.SampleArticles;
import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleFiles;
import dev.footnote.retrieve.Retriever;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexerTest {

    private static final List<String> SAMPLES = List.of("000_ee4c0ed1b0960cbf.txt", "001_3cabf72616562acd.txt",
            "002_e3a4d9be1fd088d4.txt", "003_f221ba18038d1787.txt", "004_8ee1bc03666afbd8.txt");

    @TempDir
    Path tmp;

    Path articles;
    Path indexDir;
    PassageIndex index;
    final List<String> log = new ArrayList<>();
    /** Called with each log line during a sync; tests use it to act in the middle of a pass. */
    Consumer<String> onLog = s -> {};

    @BeforeEach
    void setUp() throws IOException {
        articles = tmp.resolve("articles");
        indexDir = tmp.resolve("index");
        SampleArticles.copyTo(articles);
        index = PassageIndex.open(indexDir);
    }

    @AfterEach
    void tearDown() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    private IndexReport sync() throws IOException {
        return new Indexer(s -> {
            log.add(s);
            onLog.accept(s);
        }).sync(new ArticleFiles(articles), index);
    }

    /** The files of the passages found for {@code question}, best first, each once. */
    private List<String> filesFound(String question) throws IOException {
        return new Retriever(index).search(question, 10).stream().map(h -> h.passage().file()).distinct().toList();
    }

    private void reopen() throws IOException {
        index.close();
        index = PassageIndex.open(indexDir);
    }

    /** Windows-1252 text with curly quotes 0x93/0x94 and é (0xE9): not valid UTF-8. */
    private static byte[] cp1252(String ascii) {
        byte[] b = ascii.replace('“', (char) 0x93).replace('”', (char) 0x94).replace('é', (char) 0xE9)
                .getBytes(StandardCharsets.ISO_8859_1);
        return b;
    }

    @Test
    void firstSyncAddsAllFiveAndSecondChangesNothing() throws IOException {
        assertThat(index.writable()).isTrue();
        assertThat(index.stats().articles()).isZero();

        IndexReport first = sync();
        assertThat(first.added()).containsExactlyElementsOf(SAMPLES);
        assertThat(first.changed()).isEmpty();
        assertThat(first.removed()).isEmpty();
        assertThat(first.failed()).isEmpty();
        assertThat(first.unchanged()).isZero();
        assertThat(first.passagesWritten()).isPositive();
        assertThat(first.changedAnything()).isTrue();
        assertThat(first.summary()).contains("5 added", "0 changed", "0 removed", "0 failed");
        IndexStats stats = index.stats();
        assertThat(stats.articles()).isEqualTo(5);
        assertThat(stats.passages()).isEqualTo(first.passagesWritten());
        assertThat(stats.updatedAt()).isNotEmpty();
        assertThat(index.indexedHashes()).containsOnlyKeys(SAMPLES);

        IndexReport second = sync();
        assertThat(second.added()).isEmpty();
        assertThat(second.changed()).isEmpty();
        assertThat(second.removed()).isEmpty();
        assertThat(second.failed()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(5);
        assertThat(second.passagesWritten()).isZero();
        assertThat(second.changedAnything()).isFalse();
        assertThat(index.stats()).isEqualTo(stats); // not even a new commit
    }

    @Test
    void indexedArticleIsTheFileAsRead() throws IOException {
        sync();
        Article a = index.article("003_f221ba18038d1787.txt").orElseThrow();
        assertThat(a.lineCount()).isEqualTo(25);
        assertThat(a.charset()).isEqualTo("UTF-8");
        assertThat(a.lines().get(20)).startsWith("Around 1.5 million Palestinians have sought refuge");
        assertThat(a.hash()).isEqualTo(index.indexedHashes().get("003_f221ba18038d1787.txt"));
        assertThat(index.article("nope.txt")).isEmpty();
        assertThat(filesFound("Palestinians sought refuge Rafah").get(0)).isEqualTo("003_f221ba18038d1787.txt");
    }

    @Test
    void changingOneFileReindexesOnlyIt() throws IOException {
        IndexReport first = sync();
        Map<String, String> before = index.indexedHashes();
        Path f = articles.resolve("002_e3a4d9be1fd088d4.txt");
        String text = Files.readString(f).replace("Khalil Al-Hiya", "Quilliam Zorbatrix");
        Files.writeString(f, text);

        IndexReport r = sync();
        assertThat(r.changed()).containsExactly("002_e3a4d9be1fd088d4.txt");
        assertThat(r.added()).isEmpty();
        assertThat(r.removed()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(4);
        Map<String, String> after = index.indexedHashes();
        for (String other : SAMPLES) {
            if (!other.equals("002_e3a4d9be1fd088d4.txt")) {
                assertThat(after.get(other)).isEqualTo(before.get(other));
            }
        }
        assertThat(after.get("002_e3a4d9be1fd088d4.txt")).isNotEqualTo(before.get("002_e3a4d9be1fd088d4.txt"));
        // Only its passages were written; the others' are still there, once.
        assertThat(index.stats().articles()).isEqualTo(5);
        assertThat(index.stats().passages()).isEqualTo(first.passagesWritten());
        assertThat(r.passagesWritten()).isPositive().isLessThan(first.passagesWritten());
        assertThat(filesFound("Zorbatrix")).containsOnly("002_e3a4d9be1fd088d4.txt").isNotEmpty();
        assertThat(filesFound("Khalil Hiya")).doesNotContain("002_e3a4d9be1fd088d4.txt");
        assertThat(index.article("002_e3a4d9be1fd088d4.txt").orElseThrow().lines())
                .anyMatch(l -> l.contains("Zorbatrix"));
    }

    @Test
    void touchingAFileWithoutChangingItsBytesChangesNothing() throws IOException {
        sync();
        Files.setLastModifiedTime(articles.resolve("001_3cabf72616562acd.txt"), FileTime.fromMillis(0));
        IndexReport r = sync();
        assertThat(r.changedAnything()).isFalse();
        assertThat(r.unchanged()).isEqualTo(5);
    }

    @Test
    void deletingAFileRemovesItsPassages() throws IOException {
        sync();
        assertThat(filesFound("Hossam Badran Erdogan")).contains("003_f221ba18038d1787.txt");
        Files.delete(articles.resolve("003_f221ba18038d1787.txt"));

        IndexReport r = sync();
        assertThat(r.removed()).containsExactly("003_f221ba18038d1787.txt");
        assertThat(r.added()).isEmpty();
        assertThat(r.changed()).isEmpty();
        assertThat(r.unchanged()).isEqualTo(4);
        assertThat(r.passagesWritten()).isZero();
        assertThat(filesFound("Hossam Badran Erdogan")).doesNotContain("003_f221ba18038d1787.txt");
        assertThat(filesFound("Palestinians sought refuge ravages war martyred 34622"))
                .doesNotContain("003_f221ba18038d1787.txt");
        assertThat(index.article("003_f221ba18038d1787.txt")).isEmpty();
        assertThat(index.indexedHashes()).doesNotContainKey("003_f221ba18038d1787.txt").hasSize(4);
        assertThat(index.stats().articles()).isEqualTo(4);
    }

    @Test
    void aFileInASubfolderIsNamedWithASlash() throws IOException {
        sync();
        Path sub = articles.resolve("sub");
        Files.createDirectories(sub);
        Files.writeString(sub.resolve("x.txt"),
                "Subfolder story\n\nThe quokkas of Rottnest Island were counted on Tuesday.\n");
        Files.writeString(articles.resolve(".hidden.txt"), "The quokkas were hidden.\n");

        IndexReport r = sync();
        assertThat(r.added()).containsExactly("sub/x.txt");
        assertThat(r.unchanged()).isEqualTo(5);
        assertThat(filesFound("quokkas Rottnest")).containsExactly("sub/x.txt");
        assertThat(index.article("sub/x.txt").orElseThrow().lines())
                .containsExactly("Subfolder story", "", "The quokkas of Rottnest Island were counted on Tuesday.");
        List<dev.footnote.retrieve.SearchHit> hits = new Retriever(index).search("quokkas Rottnest", 1);
        assertThat(hits.get(0).passage().sentences()).anySatisfy(s -> {
            assertThat(s.startLine()).isEqualTo(3);
            assertThat(s.text()).isEqualTo("The quokkas of Rottnest Island were counted on Tuesday.");
        });
    }

    @Test
    void restartingFindsNothingToDo() throws IOException {
        IndexReport first = sync();
        IndexStats stats = index.stats();
        reopen();
        assertThat(index.stats()).isEqualTo(stats);
        IndexReport r = sync();
        assertThat(r.changedAnything()).isFalse();
        assertThat(r.unchanged()).isEqualTo(5);
        assertThat(r.passagesWritten()).isZero();
        assertThat(index.stats().passages()).isEqualTo(first.passagesWritten());
        assertThat(filesFound("Palestinians sought refuge Rafah")).first().isEqualTo("003_f221ba18038d1787.txt");

        // Changes made while it was closed are picked up on the next start.
        Files.delete(articles.resolve("000_ee4c0ed1b0960cbf.txt"));
        Files.writeString(articles.resolve("001_3cabf72616562acd.txt"), "Replaced\n\nNothing else remains.\n");
        reopen();
        IndexReport later = sync();
        assertThat(later.removed()).containsExactly("000_ee4c0ed1b0960cbf.txt");
        assertThat(later.changed()).containsExactly("001_3cabf72616562acd.txt");
        assertThat(later.unchanged()).isEqualTo(3);
    }

    @Test
    void nonUtf8FileIsIndexedAndSearchable() throws IOException {
        Files.write(articles.resolve("w.txt"), cp1252("Caf\u00e9 talks\r\n\r\nThe envoy said “the xylophonist "
                + "agreed” at the caf\u00e9 on Monday.\r\n"));
        IndexReport r = sync();
        assertThat(r.added()).contains("w.txt");
        assertThat(r.failed()).isEmpty();
        assertThat(log).anyMatch(l -> l.contains("w.txt") && l.contains("windows-1252"));
        Article a = index.article("w.txt").orElseThrow();
        assertThat(a.charset()).isEqualTo("windows-1252");
        assertThat(a.lines()).containsExactly("Café talks", "",
                "The envoy said “the xylophonist agreed” at the café on Monday.");
        assertThat(filesFound("xylophonist")).containsExactly("w.txt");
        assertThat(filesFound("café envoy")).first().isEqualTo("w.txt");
    }

    @Test
    void aFileThatCannotBeReadIsReportedAndTheOthersAreIndexed() throws IOException {
        // Runs as root, so permissions cannot make a file unreadable. Instead the file vanishes between listing
        // and reading: when the indexer logs its note about a.txt (not UTF-8), b.txt is deleted. Reading it then
        // fails with an IOException, which is what any unreadable file produces.
        Files.write(articles.resolve("a.txt"), cp1252("Alpha story\n\nThe “alpha” envoy arrived.\n"));
        Files.writeString(articles.resolve("b.txt"), "Beta story\n\nThe beta envoy arrived.\n");
        Files.writeString(articles.resolve("c.txt"), "Gamma story\n\nThe gammaray envoy arrived.\n");
        onLog = s -> {
            if (s.startsWith("note: a.txt")) {
                deleteQuietly(articles.resolve("b.txt"));
            }
        };
        IndexReport r = sync();
        assertThat(r.failed()).hasSize(1);
        assertThat(r.failed().get(0)).startsWith("b.txt: ");
        List<String> expected = new ArrayList<>(SAMPLES);
        expected.addAll(List.of("a.txt", "c.txt"));
        assertThat(r.added()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(log).anyMatch(l -> l.startsWith("skipped b.txt"));
        assertThat(index.article("b.txt")).isEmpty();
        assertThat(filesFound("gammaray")).containsExactly("c.txt");
        assertThat(r.summary()).contains("1 failed");
    }

    @Test
    void anIndexedFileThatCannotBeReadIsReportedAndKeptUntilItIsGone() throws IOException {
        Files.writeString(articles.resolve("b.txt"), "Beta story\n\nThe betamax envoy arrived.\n");
        sync();
        Files.write(articles.resolve("a.txt"), cp1252("Alpha story\n\nThe “alpha” envoy arrived.\n"));
        onLog = s -> {
            if (s.startsWith("note: a.txt")) {
                deleteQuietly(articles.resolve("b.txt"));
            }
        };
        IndexReport r = sync();
        assertThat(r.failed()).singleElement().asString().startsWith("b.txt: ");
        assertThat(r.removed()).isEmpty();
        assertThat(r.added()).containsExactly("a.txt");
        assertThat(filesFound("betamax")).containsExactly("b.txt");

        onLog = s -> {};
        IndexReport next = sync();
        assertThat(next.removed()).containsExactly("b.txt");
        assertThat(filesFound("betamax")).isEmpty();
    }

    @Test
    void aFileWithoutReadPermissionIsReportedWhenNotRoot() throws IOException {
        Path f = articles.resolve("secret.txt");
        Files.writeString(f, "Secret story\n\nThe secret envoy arrived.\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(f), "running as root: permissions do not stop reading");
            IndexReport r = sync();
            assertThat(r.failed()).singleElement().asString().startsWith("secret.txt: ");
            assertThat(r.added()).containsExactlyElementsOf(SAMPLES);
        } finally {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void foldersAndDanglingLinksNamedLikeArticlesAreIgnored() throws IOException {
        // Not articles, so neither indexed nor reported as failed; the others are indexed.
        Files.createDirectories(articles.resolve("folder.txt"));
        Files.createSymbolicLink(articles.resolve("dangling.txt"), articles.resolve("nowhere.txt"));
        IndexReport r = sync();
        assertThat(r.added()).containsExactlyElementsOf(SAMPLES);
        assertThat(r.failed()).isEmpty();
    }

    @Test
    void aHugeFileIsReportedNotFatal() throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(articles.resolve("huge.txt").toFile(), "rw")) {
            raf.setLength(3L << 30); // sparse: takes no disk space
        }
        IndexReport r = sync();
        assertThat(r.failed()).singleElement().asString().startsWith("huge.txt: ");
        assertThat(r.added()).containsExactlyElementsOf(SAMPLES);
    }

    @Test
    void aSearchNeverSeesAHalfWrittenPass() throws IOException {
        sync();
        IndexStats committed = index.stats();
        Path f = articles.resolve("001_3cabf72616562acd.txt");
        Files.writeString(f, Files.readString(f).replace("Nuseirat", "Zyxwvutsrq"));
        Files.writeString(articles.resolve("a_new.txt"), "New story\n\nThe marmoset envoy arrived on Sunday.\n");
        Files.write(articles.resolve("z_last.txt"), cp1252("Last story\n\nThe “last” envoy arrived.\n"));
        List<String> seen = new ArrayList<>();
        onLog = s -> {
            if (s.startsWith("note: z_last.txt")) {
                // a_new.txt and the changed 001 are already written, but not committed: searches see the old index.
                try {
                    seen.add("new=" + filesFound("marmoset"));
                    seen.add("changed=" + filesFound("Zyxwvutsrq"));
                    seen.add("old=" + filesFound("Nuseirat UNRWA"));
                    seen.add("hashes=" + index.indexedHashes().size());
                    seen.add("stats=" + index.stats().equals(committed));
                    seen.add("article=" + index.article("a_new.txt").isPresent());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        IndexReport r = sync();
        assertThat(seen).containsExactly("new=[]", "changed=[]", "old=[001_3cabf72616562acd.txt]", "hashes=5",
                "stats=true", "article=false");
        assertThat(r.added()).containsExactly("a_new.txt", "z_last.txt");
        assertThat(r.changed()).containsExactly("001_3cabf72616562acd.txt");
        assertThat(filesFound("marmoset")).containsExactly("a_new.txt");
        assertThat(filesFound("Zyxwvutsrq")).containsExactly("001_3cabf72616562acd.txt");
        assertThat(filesFound("Nuseirat")).isEmpty();
    }

    @Test
    void aSecondOpenWhileOneIsWritingIsReadOnlyAndSeesOnlyCommits() throws IOException {
        sync();
        try (PassageIndex reader = PassageIndex.open(indexDir)) {
            assertThat(reader.writable()).isFalse();
            assertThat(reader.stats().articles()).isEqualTo(5);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.remove("x.txt"))
                    .isInstanceOf(IOException.class).hasMessageContaining("read-only");

            Files.delete(articles.resolve("004_8ee1bc03666afbd8.txt"));
            sync();
            assertThat(reader.stats().articles()).isEqualTo(5);
            reader.refresh();
            assertThat(reader.stats().articles()).isEqualTo(4);
            assertThat(reader.article("004_8ee1bc03666afbd8.txt")).isEmpty();
        }
    }

    @Test
    void footnoteSyncAnswersFromTheLastCommitWhenAnotherWriterHoldsTheIndex() throws IOException {
        sync();
        List<String> messages = new ArrayList<>();
        try (Footnote other = Footnote.open(Config.of(articles, indexDir), messages::add)) {
            assertThat(other.index().writable()).isFalse();
            assertThat(other.sync()).isNull();
            assertThat(messages).anyMatch(m -> m.contains("another process"));
            assertThat(other.service().ask("How many Palestinians have sought refuge in Rafah?", 5, null).answered())
                    .isTrue();
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
