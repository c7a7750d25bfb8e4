package dev.footnote.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.footnote.Formats;
import dev.footnote.SampleArticles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extraction on real files: the sample articles as web pages with their sites' chrome, printed to PDF by Chromium,
 * and written as DOCX, ODT, RTF and EPUB by pandoc (eval/formats/make.py); a real manual from Debian; and broken
 * files made here with PDFBox and java.util.zip. Runs in this process; {@link DocumentExtractorTest} covers the
 * child process.
 */
public class DocumentParserTest {

    private final DocumentParser parser = new DocumentParser(20_000_000);
    private final LineClassifier classifier = new LineClassifier();

    private ExtractedDocument parse(Path file) throws IOException, ExtractionException {
        return parser.parse(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /** The lines the classifier keeps as content, bullets and spacing aside. */
    private List<String> content(List<String> lines) {
        List<LineClassifier.Kind> kinds = classifier.classify(lines);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (kinds.get(i) == LineClassifier.Kind.CONTENT) {
                out.add(ExtractedLines.fold(LineClassifier.stripBullets(Text.strip(lines.get(i)))));
            }
        }
        return out;
    }

    private List<String> sampleContent(String name) throws IOException {
        return content(Files.readAllLines(SampleArticles.FOLDER.resolve(name + ".txt")));
    }

    @Test
    void htmlPagesGiveTheArticleTextAndNoneOfTheirChrome() throws Exception {
        for (String name : Formats.NAMES) {
            ExtractedDocument doc = parse(Formats.file("html", name));
            // The classifier still judges the lines: what it keeps is exactly what it keeps of the text version.
            assertThat(content(doc.lines())).as(name).isEqualTo(sampleContent(name));
            assertThat(doc.format()).isEqualTo("html");
            String all = String.join("\n", doc.lines());
            // Cookie banner, menu, search form, share widget, newsletter form, "Most Read" box, footer, scripts.
            assertThat(all).doesNotContain("We use cookies to give you", "Podcasts", "Share on Facebook",
                    "Sign up for our newsletter", "Oil prices climb", "Terms of Use |", "dataLayer", "Tags: Hamas");
        }
    }

    @Test
    void htmlLinesKnowTheSourceLineTheyStartOn() throws Exception {
        for (String name : Formats.NAMES) {
            Path file = Formats.file("html", name);
            List<String> source = Files.readAllLines(file);
            ExtractedDocument doc = parse(file);
            for (int i = 0; i < doc.lines().size(); i++) {
                int at = doc.origins().get(i).sourceLine();
                String line = LineClassifier.stripBullets(doc.lines().get(i));
                String start = line.substring(0, Math.min(25, line.length()));
                assertThat(Parser.unescapeEntities(source.get(at - 1), false)).as(name + " line " + (i + 1))
                        .contains(start);
            }
        }
    }

    @Test
    void htmlTitleComesFromTheMetadata() throws Exception {
        ExtractedDocument doc = parse(Formats.file("html", "001_3cabf72616562acd"));
        assertThat(doc.title()).isEqualTo("Hamas delegation leaves Cairo to consult negotiations in Doha");
    }

    @Test
    void chromeByStructureIsDroppedWhereverItStands() throws Exception {
        String page = """
                <html><head><title>T</title></head><body>
                <div class="cookie-notice">This site uses cookies. By continuing you accept them all.</div>
                <header><a href="/">Daily Site</a><nav><a>Home</a> <a>World</a></nav></header>
                <main><article>
                <header><h1>Storm floods the old harbour district overnight</h1></header>
                <div class="social-share">Share this story with your friends on every network.</div>
                <p>Water rose two metres in the harbour district after the storm broke the sea wall.</p>
                <aside>Related: other storms of the decade and what they cost the town.</aside>
                <form><label>Comment</label><textarea>Leave a reply here please.</textarea></form>
                </article></main>
                <section><h2>Most read</h2><ul><li>Teaser one about something else entirely.</li></ul></section>
                <div hidden>Hidden text that no reader sees on the page.</div>
                <footer>Copyright Daily Site. Contact us at the newsroom for corrections.</footer>
                <script>var tracking = "analytics that must not be read as text";</script>
                </body></html>
                """;
        ExtractedDocument doc = parser.parse("page.html", page.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.lines()).containsExactly("Storm floods the old harbour district overnight",
                "Water rose two metres in the harbour district after the storm broke the sea wall.");
        assertThat(doc.origins().get(1).sourceLine()).isEqualTo(7);
    }

    @Test
    void pdfPrintedByChromiumKeepsTheSentencesAndTheirPages() throws Exception {
        for (String name : Formats.NAMES) {
            Path file = Formats.file("pdf", name);
            ExtractedDocument doc = parse(file);
            String text = String.join("\n", doc.lines());
            List<String> sentences = sampleContent(name).stream().filter(l -> l.matches(".*[.!?\"”]$")).toList();
            long kept = sentences.stream().filter(text::contains).count();
            // A paragraph cut by a page break is the only loss: a sentence then stands in two lines.
            assertThat(kept).as(name).isGreaterThanOrEqualTo(Math.round(sentences.size() * 0.85));
            // Each line is on the page it says, as PDFBox itself reads that page.
            try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
                PDFTextStripper stripper = new PDFTextStripper();
                List<LineClassifier.Kind> kinds = classifier.classify(doc.lines());
                for (int i = 0; i < doc.lines().size(); i++) {
                    if (kinds.get(i) != LineClassifier.Kind.CONTENT) {
                        continue; // a cookie banner laid over the text reads garbled in PDFBox's plain order
                    }
                    Origin o = doc.origins().get(i);
                    stripper.setStartPage(o.page());
                    stripper.setEndPage(o.page());
                    String page = ExtractedLines.fold(stripper.getText(pdf));
                    String line = doc.lines().get(i);
                    assertThat(page).as(name + " line " + (i + 1)).contains(line.substring(0, Math.min(20,
                            line.length())));
                    assertThat(o.pageLine()).isPositive();
                }
                assertThat(doc.origins().get(doc.lines().size() - 1).page()).isEqualTo(pdf.getNumberOfPages());
            }
        }
        assertThat(parse(Formats.file("pdf", "003_f221ba18038d1787")).title())
                .contains("Hamas Delegation in Cairo for Ceasefire Talks").endsWith("| Al-Ahed News");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docx", "odt", "rtf", "epub"})
    void wordProcessorFilesAndEbooksGiveTheArticleText(String format) throws Exception {
        for (String name : Formats.NAMES) {
            ExtractedDocument doc = parse(Formats.file(format, name));
            Set<String> got = new LinkedHashSet<>(content(doc.lines()));
            Set<String> expected = new LinkedHashSet<>(sampleContent(name));
            // The same text; the document adds its title paragraph, which the text version may not have.
            assertThat(got).as(name).containsAll(expected);
            got.removeAll(expected);
            assertThat(got).as(name).allMatch(extra -> extra.equals(doc.lines().get(0)));
            int last = 0;
            for (Origin o : doc.origins()) {
                int position = format.equals("epub") ? o.chapter() * 100_000 + o.sourceLine() : o.paragraph();
                assertThat(position).as(name).isGreaterThanOrEqualTo(last).isPositive();
                last = position;
            }
            if (!format.equals("rtf")) { // pandoc's RTF carries no title in its metadata
                assertThat(doc.title()).as(name).isNotBlank().isEqualTo(doc.lines().get(0));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"docx", "odt"})
    void aTitleParagraphAndTheSameFirstHeadingGiveOneLine(String format) throws Exception {
        ExtractedDocument doc = parse(Formats.file(format, "001_3cabf72616562acd"));
        assertThat(doc.lines().get(0)).isEqualTo("Hamas delegation leaves Cairo to consult negotiations in Doha");
        assertThat(doc.lines().get(1)).startsWith("The Resistance states that its delegation");
        // The heading left out still counts, so paragraph numbers stay those a word processor shows.
        assertThat(doc.origins().get(1).paragraph()).isEqualTo(3);
    }

    @Test
    void aDebianManualInHtmlAndPdf() throws Exception {
        Path html = Formats.DEBIAN_REFERENCE.resolve("ch01.en.html");
        Path pdf = Formats.DEBIAN_REFERENCE.resolve("debian-reference.en.pdf");
        assumeTrue(Files.exists(html) && Files.exists(pdf),
                "debian-reference-en is not installed (.ci/run installs it: apt-get install debian-reference-en)");
        ExtractedDocument chapter = parse(html);
        assertThat(chapter.title()).isEqualTo("Chapter 1. GNU/Linux tutorials");
        List<String> source = Files.readAllLines(html);
        int shell = chapter.lines().indexOf("1.1.1. The shell prompt");
        assertThat(shell).isPositive();
        assertThat(source.get(chapter.origins().get(shell).sourceLine() - 1)).contains("The shell prompt");
        ExtractedDocument manual = parse(pdf);
        assertThat(manual.title()).isEqualTo("Debian Reference");
        assertThat(manual.origins().get(manual.lines().size() - 1).page()).isGreaterThan(200);
        assertThat(String.join(" ", manual.lines())).contains("GNU/Linux tutorials");
    }

    @Test
    void anEncryptedPdfIsReportedAsSuch() throws Exception {
        byte[] pdf = lockedPdf();
        assertThatThrownBy(() -> parser.parse("locked.pdf", pdf)).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("encrypted");
    }

    @Test
    void aScannedPdfHasNoTextAndIsNotOcrd() throws Exception {
        byte[] pdf = scannedPdf();
        assertThatThrownBy(() -> parser.parse("scan.pdf", pdf)).isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("no text; not OCR'd");
    }

    /** A PDF with a user password, made by PDFBox. */
    public static byte[] lockedPdf() throws IOException {
        try (PDDocument doc = textPdf("A secret report that needs a password to open.")) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        }
    }

    /** A PDF whose only page is a picture of words, as a scanner makes it: no text layer. */
    public static byte[] scannedPdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            var image = new java.awt.image.BufferedImage(200, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.drawString("Scanned words", 10, 50);
            g.dispose();
            try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                s.drawImage(LosslessFactory.createFromImage(doc, image), 50, 500);
            }
            return save(doc);
        }
    }

    @Test
    void aCorruptWordFileIsReported() throws Exception {
        byte[] docx = Files.readAllBytes(Formats.file("docx", "001_3cabf72616562acd"));
        byte[] cut = java.util.Arrays.copyOf(docx, docx.length / 2);
        assertThatThrownBy(() -> parser.parse("cut.docx", cut)).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("cannot be read as a Word document");
        assertThatThrownBy(() -> parser.parse("noise.docx", "not a zip at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("Word document: it is not a zip");
    }

    @Test
    void aZipBombIsStopped() throws Exception {
        byte[] bomb = zipBomb(Files.readAllBytes(Formats.file("docx", "001_3cabf72616562acd")));
        assertThat(bomb.length).isLessThan(2_000_000);
        assertThatThrownBy(() -> parser.parse("bomb.docx", bomb)).isInstanceOf(ExtractionException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void textPastTheCharacterLimitIsCutAndSaidSo() throws Exception {
        ExtractedDocument doc = new DocumentParser(2000).parse("long.html",
                Files.readAllBytes(Formats.file("html", "000_ee4c0ed1b0960cbf")));
        assertThat(doc.lines().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(2000);
        assertThat(doc.note()).contains("first 2000 characters");
    }

    /** A real .docx whose document part is replaced by 300 MB of paragraphs that deflate to a few hundred KB. */
    public static byte[] zipBomb(byte[] docx) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(docx));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("word/document.xml")) {
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas."
                            + "openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] para = "<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>"
                            .repeat(16_384).getBytes(StandardCharsets.UTF_8);
                    for (long written = 0; written < 300L * 1024 * 1024; written += para.length) {
                        zip.write(para);
                    }
                    zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static PDDocument textPdf(String text) throws IOException {
        PDDocument doc = new PDDocument();
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
            s.beginText();
            s.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
            s.newLineAtOffset(72, 700);
            s.showText(text);
            s.endText();
        }
        return doc;
    }

    public static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
