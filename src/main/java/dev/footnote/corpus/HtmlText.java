package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * The text of an HTML page (or an EPUB chapter) as lines, each knowing the line of the source file where it
 * starts (jsoup's source-position tracking). Page chrome is dropped by the page's structure before any line is
 * made: {@code nav}, the site's {@code header} (an article's own header, with its headline, stays),
 * {@code footer}, {@code aside}, forms and their controls, scripts and styles, hidden elements, landmark roles
 * such as navigation or banner, and elements whose class or id says cookie banner, share widget, newsletter,
 * comments, advertising or a "most read"/"related" box. What is left goes to the {@link LineClassifier} like any
 * other text, so the rules that hold for the sample articles hold for their HTML pages.
 */
final class HtmlText {

    private static final Set<String> CHROME_TAGS = Set.of("nav", "footer", "aside", "form", "script", "style",
            "noscript", "template", "iframe", "svg", "button", "select", "input", "textarea", "label", "dialog",
            "menu", "object", "embed", "canvas", "video", "audio", "head", "link", "meta");
    private static final Set<String> CHROME_ROLES = Set.of("navigation", "banner", "contentinfo", "complementary",
            "search", "dialog", "alertdialog", "menu", "menubar", "toolbar", "alert");
    /** Words in a class or id that mark chrome. */
    private static final Set<String> CHROME_WORDS = Set.of("cookie", "cookies", "consent", "gdpr", "share",
            "sharing", "sharebar", "social", "newsletter", "subscribe", "subscription", "signup", "popular",
            "mostread", "trending", "related", "recommended", "recommendations", "breadcrumb", "breadcrumbs",
            "comments", "comment", "advert", "advertisement", "ads", "ad", "sponsored", "promo", "sidebar",
            "navbar", "menu", "paywall", "modal", "popup", "toolbar", "skiplink", "outbrain", "taboola");
    /** Headings that open a box of teasers rather than article text. */
    private static final Set<String> TEASER_HEADINGS = Set.of("most read", "most popular", "most viewed",
            "read next", "read more", "related", "related articles", "related stories", "related news",
            "more stories", "more news", "trending", "trending now", "recommended", "recommended for you",
            "you may also like", "you might also like", "latest news", "top stories", "popular");
    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd",
            "blockquote", "pre", "figcaption", "caption", "td", "th", "tr", "div", "section", "article", "main",
            "header", "summary", "details", "address", "figure", "ul", "ol", "dl", "table", "body", "hr", "center");

    private HtmlText() {
    }

    /** The parser, tracking where each node starts in the source. */
    static Parser parser() {
        return Parser.htmlParser().setTrackPosition(true);
    }

    /** The page's title from its metadata: Open Graph's, else the {@code <title>}. */
    static String title(Document doc) {
        Element og = doc.selectFirst("meta[property=og:title]");
        String title = og != null ? og.attr("content") : "";
        return ExtractedLines.fold(title.isBlank() ? doc.title() : title);
    }

    /** Adds the text of {@code root} to {@code out}, chrome removed, in chapter {@code chapter} (0 for none). */
    static void lines(Element root, int chapter, ExtractedLines out) {
        removeChrome(root);
        new Walker(out, chapter).walk(root);
    }

    static void removeChrome(Element root) {
        List<Element> chrome = new ArrayList<>();
        List<Element> all = root.getAllElements();
        for (Element e : all.subList(1, all.size())) { // the first is the root itself
            if (isChrome(e)) {
                chrome.add(e);
            }
        }
        chrome.forEach(Element::remove);
    }

    static boolean isChrome(Element e) {
        String tag = e.normalName();
        if (CHROME_TAGS.contains(tag)) {
            return true;
        }
        if (tag.equals("header")) {
            // The site's header is chrome; an article's own header holds its headline and byline.
            return e.closest("article, main") == null && e.selectFirst("h1") == null;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")
                || e.attr("style").replace(" ", "").toLowerCase(Locale.ROOT).contains("display:none")) {
            return true;
        }
        if (CHROME_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (holdsArticle(e)) {
            return false;
        }
        if (chromeName(e.className() + " " + e.id())) {
            return true;
        }
        Element heading = e.selectFirst("h2, h3, h4, h5, h6");
        if (heading != null && (tag.equals("section") || tag.equals("div")) && e.children().size() <= 4
                && e.children().contains(heading)) {
            String words = heading.text().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", "").strip();
            return TEASER_HEADINGS.contains(words);
        }
        return false;
    }

    /** A wrapper of the article itself is never dropped for its class name ("post-with-comments"). */
    private static boolean holdsArticle(Element e) {
        String tag = e.normalName();
        return tag.equals("html") || tag.equals("body") || tag.equals("main") || tag.equals("article")
                || e.selectFirst("h1, article, main, [itemprop=articleBody]") != null;
    }

    static boolean chromeName(String classAndId) {
        String lower = classAndId.toLowerCase(Locale.ROOT);
        if (lower.contains("most-read") || lower.contains("most_read") || lower.contains("skip-link")) {
            return true;
        }
        for (String word : lower.split("[^a-z0-9]+", -1)) {
            if (CHROME_WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Turns blocks into lines: a block's text is one line, {@code <br>} and {@code <pre>} breaks start new ones. */
    private static final class Walker {
        private final ExtractedLines out;
        private final int chapter;
        private final StringBuilder line = new StringBuilder();
        private int lineStart;
        private String prefix = "";

        Walker(ExtractedLines out, int chapter) {
            this.out = out;
            this.chapter = chapter;
        }

        void walk(Element root) {
            visit(root, false);
            flush();
        }

        private void visit(Node node, boolean pre) {
            if (node instanceof TextNode t) {
                text(t, pre);
                return;
            }
            if (!(node instanceof Element e)) {
                return;
            }
            String tag = e.normalName();
            if (tag.equals("br")) {
                flush();
                return;
            }
            boolean block = BLOCKS.contains(tag);
            if (block) {
                flush();
                if (tag.equals("li")) {
                    prefix = "\u2022 ";
                }
            }
            boolean inPre = pre || tag.equals("pre") || tag.equals("textarea");
            for (Node child : e.childNodes()) {
                visit(child, inPre);
            }
            if (block) {
                flush();
            } else if (tag.equals("td") || tag.equals("th")) {
                line.append(' ');
            }
        }

        private void text(TextNode t, boolean pre) {
            String raw = t.getWholeText();
            int base = t.sourceRange().isTracked() ? t.sourceRange().start().lineNumber() : 0;
            if (!pre) {
                // The line where the first visible character stands, not where the white space before it began.
                int breaks = 0;
                for (int i = 0; i < raw.length() && Text.isSpace(raw.charAt(i)); i++) {
                    breaks += raw.charAt(i) == '\n' ? 1 : 0;
                }
                append(raw, base == 0 ? 0 : base + breaks);
                return;
            }
            String[] parts = raw.split("\n", -1);
            for (int k = 0; k < parts.length; k++) {
                if (k > 0) {
                    flush();
                }
                append(parts[k], base == 0 ? 0 : base + k);
            }
        }

        private void append(String piece, int sourceLine) {
            if (Text.strip(piece).isEmpty()) {
                if (!line.isEmpty()) {
                    line.append(' ');
                }
                return;
            }
            if (line.toString().isBlank()) {
                line.setLength(0);
                lineStart = sourceLine;
                line.append(prefix);
                prefix = "";
            }
            line.append(piece);
        }

        private void flush() {
            if (!line.toString().isBlank()) {
                out.add(line.toString(), new Origin(0, 0, lineStart, 0, chapter));
            }
            line.setLength(0);
        }
    }
}
