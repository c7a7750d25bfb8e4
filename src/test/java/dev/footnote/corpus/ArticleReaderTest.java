package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderTest {

    private final ArticleReader reader = new ArticleReader();

    private Article parse(String text) {
        return reader.parse("a.txt", text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else if (p instanceof Integer b) {
                out.write(b);
            } else if (p instanceof byte[] bs) {
                out.writeBytes(bs);
            }
        }
        return out.toByteArray();
    }

    @Test
    void utf8IsReadAsUtf8() {
        Article a = parse("“No breakthroughs” in Cairo — Hamas’ delegation\nDamascus é ü 日本\n");
        assertThat(a.charset()).isEqualTo("UTF-8");
        assertThat(a.file()).isEqualTo("a.txt");
        assertThat(a.lines()).containsExactly("“No breakthroughs” in Cairo — Hamas’ delegation", "Damascus é ü 日本");
    }

    @Test
    void invalidUtf8FallsBackToWindows1252() {
        // 0x93 and 0x94 are the curly double quotes of Windows-1252; 0xE9 is é; 0x92 the right single quote.
        byte[] raw = bytes("He said ", 0x93, "caf", 0xE9, 0x94, " and it", 0x92, "s fine.\r\nSecond line");
        Article a = reader.parse("w.txt", raw);
        assertThat(a.charset()).isEqualTo("windows-1252");
        assertThat(a.lines()).containsExactly("He said “café” and it’s fine.", "Second line");
        assertThat(a.hash()).isEqualTo(ArticleReader.sha256(raw));
    }

    @Test
    void aSingleStrayByteSwitchesTheWholeFile() {
        byte[] raw = bytes("plain ascii line\n", 0x96, " dash\n");
        Article a = reader.parse("w.txt", raw);
        assertThat(a.charset()).isEqualTo("windows-1252");
        assertThat(a.lines()).containsExactly("plain ascii line", "– dash");
    }

    @Test
    void undefinedWindows1252BytesAreNotFatal() {
        // 0x81, 0x8D, 0x8F, 0x90, 0x9D have no character in Windows-1252.
        Article a = reader.parse("w.txt", bytes("x", 0x81, 0x8D, 0x8F, 0x90, 0x9D, "y"));
        assertThat(a.lineCount()).isEqualTo(1);
        assertThat(a.lines().get(0)).startsWith("x").endsWith("y");
    }

    @Test
    void utf8ByteOrderMarkIsDropped() {
        byte[] raw = bytes(0xEF, 0xBB, 0xBF, "Title\nBody.");
        Article a = reader.parse("bom.txt", raw);
        assertThat(a.charset()).isEqualTo("UTF-8");
        assertThat(a.lines()).containsExactly("Title", "Body.");
        assertThat(a.hash()).as("the hash is of the bytes, BOM included").isEqualTo(ArticleReader.sha256(raw));
    }

    @Test
    void byteOrderMarkIsDroppedAlsoWhenFallingBack() {
        Article a = reader.parse("bom.txt", bytes(0xEF, 0xBB, 0xBF, "Title ", 0x93, "x", 0x94, "\nBody."));
        assertThat(a.lines().get(0)).isEqualTo("Title “x”");
    }

    @Test
    void lineTerminatorsAreCountedAsAnEditorDoes() {
        assertThat(parse("a\nb\nc").lines()).containsExactly("a", "b", "c");
        assertThat(parse("a\r\nb\r\nc\r\n").lines()).containsExactly("a", "b", "c");
        assertThat(parse("a\rb\rc\r").lines()).containsExactly("a", "b", "c");
        assertThat(parse("a\r\nb\rc\nd").lines()).containsExactly("a", "b", "c", "d");
        // \r\r\n is two line breaks (an old Mac CR then a Windows CRLF), not one.
        assertThat(parse("a\r\r\nb").lines()).containsExactly("a", "", "b");
        // \n\r is two line breaks too.
        assertThat(parse("a\n\rb").lines()).containsExactly("a", "", "b");
    }

    @Test
    void blankLinesKeepTheirNumbers() {
        Article a = parse("Title\r\n\r\nFirst.\r\n\r\n\r\nSecond.\r\n");
        assertThat(a.lineCount()).isEqualTo(6);
        assertThat(a.lines().get(2)).isEqualTo("First.");
        assertThat(a.lines().get(5)).isEqualTo("Second.");
        assertThat(a.text(3, 6)).isEqualTo("First.\n\n\nSecond.");
    }

    @Test
    void finalLineWithoutNewlineIsALineAndAFinalNewlineAddsNone() {
        assertThat(parse("one\ntwo").lineCount()).isEqualTo(2);
        assertThat(parse("one\ntwo\n").lineCount()).isEqualTo(2);
        assertThat(parse("one\ntwo\n\n").lines()).containsExactly("one", "two", "");
        assertThat(parse("").lineCount()).isZero();
        assertThat(parse("\n").lines()).containsExactly("");
        assertThat(parse("x").lines()).containsExactly("x");
    }

    @Test
    void linesKeepTheirWhitespace() {
        assertThat(parse("  • News\t\n  indented  ").lines()).containsExactly("  • News\t", "  indented  ");
    }

    @Test
    void sameLinesWhateverTheLineEndings() {
        String lf = "Title\n\nBody one.\nBody two.";
        assertThat(parse(lf.replace("\n", "\r\n")).lines()).isEqualTo(parse(lf).lines());
        assertThat(parse(lf.replace("\n", "\r")).lines()).isEqualTo(parse(lf).lines());
        assertThat(parse(lf.replace("\n", "\r\n")).hash()).isNotEqualTo(parse(lf).hash());
    }

    @Test
    void readFromDiskEqualsParse(@TempDir Path dir) throws IOException {
        byte[] raw = bytes("Title\r\n", 0x93, "quoted", 0x94, "\r\nlast");
        Path file = dir.resolve("x.txt");
        Files.write(file, raw);
        Article a = reader.read(file, "sub/x.txt");
        assertThat(a).isEqualTo(reader.parse("sub/x.txt", raw));
        assertThat(a.file()).isEqualTo("sub/x.txt");
        assertThat(a.lines()).containsExactly("Title", "“quoted”", "last");
    }

    @Test
    void readingAMissingFileThrows(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read(dir.resolve("nope.txt"), "nope.txt"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void sha256() {
        assertThat(ArticleReader.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ArticleReader.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void articleText() {
        Article a = new Article("a.txt", List.of("one", "two", "three"), "h", "UTF-8");
        assertThat(a.text(1, 1)).isEqualTo("one");
        assertThat(a.text(2, 3)).isEqualTo("two\nthree");
        assertThat(a.lineCount()).isEqualTo(3);
    }

    @Test
    void sampleArticlesAreUtf8AndHaveTheLineCountsAnEditorShows() throws IOException {
        // wc -l counts newlines; 000 and 001 (and the others) end without a final newline, so one more line.
        assertLines("000_ee4c0ed1b0960cbf.txt", 193, "iOS");
        assertLines("001_3cabf72616562acd.txt", 16,
                "\"Israel was and is still ready to make a deal on a pause in fighting to ensure the release of our "
                        + "kidnapped people. We did this to free 124 hostages and then we were back to fighting. We "
                        + "have spent the past few weeks working around the clock to reach a deal that will bring the "
                        + "kidnapped back,\" he stressed.");
        assertLines("002_e3a4d9be1fd088d4.txt", 30, "Back to top button");
        assertLines("003_f221ba18038d1787.txt", 25, null);
        assertLines("004_8ee1bc03666afbd8.txt", 31, null);
        Article a = reader.read(Path.of("articles/003_f221ba18038d1787.txt"), "003_f221ba18038d1787.txt");
        assertThat(a.lines().get(20)).startsWith("Around 1.5 million Palestinians have sought refuge");
    }

    private void assertLines(String file, int count, String last) throws IOException {
        Article a = reader.read(Path.of("articles", file), file);
        assertThat(a.charset()).isEqualTo("UTF-8");
        assertThat(a.lineCount()).as(file).isEqualTo(count);
        if (last != null) {
            assertThat(a.lines().get(count - 1)).isEqualTo(last);
        }
    }
}
