package dev.footnote.corpus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.HtmlEncodingDetector;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.microsoft.rtf.RTFParser;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.SecureContentHandler;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts the text of one document, in this process: HTML with jsoup (structure and source lines; Tika's HTML
 * encoding detector finds the character set), PDF, Word (.docx), OpenDocument (.odt) and RTF with Tika's parsers, EPUB by its reading
 * order (the package's spine, each chapter's XHTML through jsoup), because Tika's EPUB parser runs the chapters
 * together and so could not say which chapter a line is in.
 *
 * <p>Only the parsers for these formats are used, never Tika's auto-detecting set: no OCR (a scanned PDF is
 * reported as such, not sent to Tesseract), no external programs, nothing fetched from the network, no embedded
 * file parsed. A parser can still hang or exhaust memory on a hostile file, so the server runs this class in a
 * child process ({@link DocumentExtractor}); tests call it directly.
 */
public final class DocumentParser {

    /** The formats read through extraction, by file ending. */
    private static final Map<String, String> FORMATS = Map.of("html", "html", "htm", "html", "xhtml", "html",
            "pdf", "pdf", "docx", "docx", "odt", "odt", "rtf", "rtf", "epub", "epub");
    /** An EPUB that unpacks to more than this is refused: no e-book's text is that large, a zip bomb's is. */
    private static final long MAX_UNPACKED_BYTES = 256L * 1024 * 1024;

    private final int maxChars;

    public DocumentParser(int maxChars) {
        this.maxChars = maxChars;
    }

    /** The format of a file read through extraction ("pdf", "html"...), or null for plain text and others. */
    public static String formatOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : FORMATS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public ExtractedDocument parse(String name, byte[] bytes) throws ExtractionException {
        String format = formatOf(name);
        if (format == null) {
            throw new ExtractionException("not a document format Footnote reads");
        }
        ExtractedLines out = new ExtractedLines(maxChars);
        String[] title = {""};
        String note = "";
        try {
            switch (format) {
                case "html" -> html(bytes, out, title);
                case "epub" -> epub(bytes, out, title);
                default -> tika(format, bytes, out, title);
            }
        } catch (ExtractedLines.Full full) {
            note = "only its first " + maxChars + " characters were read (the limit for one file)";
        }
        if (out.lines().isEmpty()) {
            throw new ExtractionException(format.equals("pdf")
                    ? "no text; not OCR'd (a scanned PDF has only pictures of its pages)"
                    : "no text in it");
        }
        return new ExtractedDocument(format, title[0], out.lines(), out.origins(), note);
    }

    private static void html(byte[] bytes, ExtractedLines out, String[] title) {
        Document doc = HtmlText.parser().parseInput(decodeHtml(bytes), "");
        title[0] = HtmlText.title(doc);
        HtmlText.lines(doc.body(), 0, out);
    }

    /**
     * An HTML file's text: in the character set its byte order mark or {@code <meta charset>} names (Tika's HTML
     * encoding detector reads both), else UTF-8, else Windows-1252 as for text articles.
     */
    static String decodeHtml(byte[] bytes) {
        Charset charset = null;
        try (InputStream in = new java.io.BufferedInputStream(new ByteArrayInputStream(bytes))) {
            charset = new HtmlEncodingDetector().detect(in, new Metadata());
        } catch (IOException e) {
            // not named: decided below
        }
        int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        if (charset == null) {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
            } catch (CharacterCodingException e) {
                charset = Charset.forName("windows-1252");
            }
        }
        return new String(bytes, charset.equals(StandardCharsets.UTF_8) ? bom : 0,
                bytes.length - (charset.equals(StandardCharsets.UTF_8) ? bom : 0), charset);
    }

    private static void tika(String format, byte[] bytes, ExtractedLines out, String[] title)
            throws ExtractionException {
        if (format.equals("docx") || format.equals("odt")) {
            // POI reads a .docx into memory whole: a zip bomb must be stopped before it gets there.
            unzip(bytes, false, label(format));
        }
        Parser parser = switch (format) {
            case "pdf" -> new PDFParser();
            case "docx" -> new OOXMLParser();
            case "odt" -> new OpenDocumentParser();
            case "rtf" -> new RTFParser();
            default -> throw new IllegalArgumentException(format);
        };
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(false);
        pdf.setExtractBookmarksText(false);
        context.set(PDFParserConfig.class, pdf);
        context.set(EmbeddedDocumentExtractor.class, new NoEmbedded());
        Metadata metadata = new Metadata();
        TikaText handler = new TikaText(format.equals("pdf"), out);
        try (TikaInputStream in = TikaInputStream.get(bytes)) {
            // Counts what the parser writes against what it reads: a file that inflates far beyond its size
            // (a zip bomb in a .docx or .odt) is stopped early.
            SecureContentHandler secure = new SecureContentHandler(handler, in);
            try {
                parser.parse(in, secure, metadata, context);
            } catch (SAXException e) {
                if (e.getCause() instanceof ExtractedLines.Full full) {
                    throw full;
                }
                secure.throwIfCauseOf(e);
                throw new ExtractionException("cannot be read as " + label(format) + ": " + e.getMessage(), e);
            }
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException("encrypted: it cannot be read without its password", e);
        } catch (TikaException | IOException e) {
            throw new ExtractionException(reason(format, e), e);
        } catch (ExtractedLines.Full full) {
            throw full;
        } catch (RuntimeException e) {
            // A parser's own bug on a malformed file: reported like any unreadable file.
            throw new ExtractionException("the " + label(format) + " parser failed on it: " + e, e);
        }
        String t = metadata.get(TikaCoreProperties.TITLE);
        title[0] = t == null ? "" : ExtractedLines.fold(t);
        if (format.equals("pdf") && handler.pages() > 0 && out.lines().isEmpty()) {
            throw new ExtractionException("no text; not OCR'd (" + handler.pages() + (handler.pages() == 1
                    ? " page"
                    : " pages") + " of pictures only, as a scanned PDF has)");
        }
    }

    private static String reason(String format, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("zip bomb")) {
                return "looks like a zip bomb: it unpacks to far more than its size";
            }
            if (t instanceof EncryptedDocumentException || m.contains("password")) {
                return "encrypted: it cannot be read without its password";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "cannot be read as " + label(format) + ": " + root.getMessage();
    }

    private static String label(String format) {
        return switch (format) {
            case "docx" -> "a Word document";
            case "odt" -> "an OpenDocument text";
            case "epub" -> "an EPUB";
            case "html" -> "HTML";
            default -> format.toUpperCase(Locale.ROOT);
        };
    }

    /** Embedded files (pictures, attachments, OLE objects) are not parsed: only the document's own text counts. */
    private static final class NoEmbedded implements EmbeddedDocumentExtractor {
        @Override
        public boolean shouldParseEmbedded(Metadata metadata) {
            return false;
        }

        @Override
        public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
            // never called: shouldParseEmbedded says no
        }
    }

    /** An EPUB: the package file named by META-INF/container.xml, its spine in order, each chapter's XHTML. */
    private static void epub(byte[] bytes, ExtractedLines out, String[] title) throws ExtractionException {
        Map<String, byte[]> entries = unzip(bytes, true, label("epub"));
        byte[] container = entries.get("META-INF/container.xml");
        if (container == null) {
            throw new ExtractionException("cannot be read as an EPUB: META-INF/container.xml is missing");
        }
        Element rootfile = org.jsoup.Jsoup.parse(new String(container, StandardCharsets.UTF_8), "",
                org.jsoup.parser.Parser.xmlParser()).selectFirst("rootfile[full-path]");
        String opfPath = rootfile == null ? null : rootfile.attr("full-path");
        byte[] opfBytes = opfPath == null ? null : entries.get(opfPath);
        if (opfBytes == null) {
            throw new ExtractionException("cannot be read as an EPUB: its package file is missing");
        }
        Document opf = org.jsoup.Jsoup.parse(new String(opfBytes, StandardCharsets.UTF_8), "",
                org.jsoup.parser.Parser.xmlParser());
        Element dcTitle = opf.selectFirst("metadata > dc|title, metadata > title");
        title[0] = dcTitle == null ? "" : ExtractedLines.fold(dcTitle.text());
        String base = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
        Map<String, String> hrefs = new HashMap<>();
        for (Element item : opf.select("manifest > item")) {
            hrefs.put(item.attr("id"), item.attr("href"));
        }
        int chapter = 0;
        for (Element ref : opf.select("spine > itemref")) {
            String href = hrefs.get(ref.attr("idref"));
            if (href == null) {
                continue;
            }
            chapter++;
            byte[] xhtml = entries.get(normalize(base + URLDecoder.decode(href, StandardCharsets.UTF_8)));
            if (xhtml == null) {
                continue;
            }
            Document doc = HtmlText.parser().parseInput(new String(xhtml, StandardCharsets.UTF_8), "");
            HtmlText.lines(doc.body(), chapter, out);
        }
    }

    /** Resolves "a/b/../c" within the package. */
    private static String normalize(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/", -1)) {
            if (p.equals("..")) {
                parts.pollLast();
            } else if (!p.isEmpty() && !p.equals(".")) {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    /**
     * The package's entries (none kept unless {@code keep}), refusing one that unpacks to more than
     * {@link #MAX_UNPACKED_BYTES}: inflating a few hundred KB of a real document costs little, and a bomb is caught
     * after a second or so instead of filling the memory.
     */
    private static Map<String, byte[]> unzip(byte[] bytes, boolean keep, String label) throws ExtractionException {
        Map<String, byte[]> entries = new HashMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            byte[] buf = new byte[65536];
            for (ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (e.isDirectory()) {
                    continue;
                }
                var data = new java.io.ByteArrayOutputStream();
                for (int n; (n = zip.read(buf)) > 0;) {
                    total += n;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new ExtractionException("looks like a zip bomb: it unpacks to more than "
                                + MAX_UNPACKED_BYTES / (1024 * 1024) + " MB");
                    }
                    if (keep) {
                        data.write(buf, 0, n);
                    }
                }
                entries.put(e.getName(), keep ? data.toByteArray() : new byte[0]);
            }
        } catch (IOException e) {
            throw new ExtractionException("cannot be read as " + label + ": its zip package is broken ("
                    + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw new ExtractionException("cannot be read as " + label + ": it is not a zip package");
        }
        return entries;
    }

    /** For tests and tools: the formats read through extraction. */
    public static List<String> formats() {
        return List.of("html", "htm", "pdf", "docx", "odt", "rtf", "epub");
    }
}
