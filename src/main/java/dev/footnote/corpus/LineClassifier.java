package dev.footnote.corpus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells article prose from page chrome, line by line: menus and bullet lists of section names, share counts,
 * bylines and bare dates, "Read more" and PREV/NEXT links, copyright footers, comment forms and captchas,
 * repeated headlines, and the "Most Read"/"Read Next" block of teasers that closes many news pages.
 * Chrome is neither retrieved nor cited; the file itself is never changed.
 */
public final class LineClassifier {

    private static final Pattern BULLET = Pattern
            .compile("^[\\u2022\\u00b7\\u25aa\\u25e6\\u2023\\u2043*\\-\\u2013]\\s+");
    private static final Pattern TERMINAL = Pattern.compile("[.!?\\u2026][\"'\\u201d\\u2019)\\]]*$");
    private static final Pattern LINK_PREFIX = Pattern.compile(
            "^(read (more|next|also)|also read|see also|related( articles?| stories| news)?|recommended|watch|listen)\\s*:.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PREV_NEXT = Pattern.compile(
            "^((PREV|NEXT|PREVIOUS)\\b.*|(?i:(previous|next) (article|post|story))\\b.*)");
    private static final Pattern COPYRIGHT = Pattern.compile(
            "(^\\u00a9|^\\(c\\)\\s|^copyright\\b|all rights reserved)", Pattern.CASE_INSENSITIVE);
    private static final Pattern COUNTER = Pattern.compile(
            "^\\d[\\d,.]*[km]?\\s+(shares?|comments?|views?|likes?|reads?)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern READING_TIME = Pattern.compile(
            "^\\d+\\s*(min|mins|minute|minutes)(\\s+read)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern BYLINE = Pattern.compile("^(by|source|photo|credit|written by)\\s*:?\\s+\\S.*",
            Pattern.CASE_INSENSITIVE);
    /** A label and its list of links: "Tags: Hamas, Cairo, Gaza", "Filed under: World". */
    private static final Pattern TAG_LIST = Pattern.compile("^(tags|topics|categories|filed under|keywords)\\s*:.*",
            Pattern.CASE_INSENSITIVE);
    /** A bare address, as browsers print at the foot of each page ("file:///…/page.html 1/2"). */
    private static final Pattern URL_LINE = Pattern.compile("^(https?|file)://\\S+(\\s+\\d+/\\d+)?$");
    /** The date and time a browser prints at the head of each page, before the page's title. */
    private static final Pattern PRINT_HEADER = Pattern.compile(
            "^\\d{1,2}/\\d{1,2}/\\d{2,4},?\\s+\\d{1,2}:\\d{2}(\\s?[AaPp][Mm])?\\s+\\S.*");
    private static final Pattern CAPTCHA = Pattern.compile(
            "^[\\d\\s]*\\d\\s*[\\u00d7x*+\\-\\u2212/]\\s*[\\d\\s]*=\\s*\\d*\\s*$");
    private static final Pattern DATE_WORDS = Pattern.compile(
            "(?i)\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?|"
                    + "\\b(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\b|"
                    + "\\b(am|pm|gmt|utc|updated|published|posted|last|modified|on|at|date)\\b|[0-9]+(st|nd|rd|th)?");
    /** Comment forms and cookie notices: chrome at any length such a line has. */
    private static final Set<String> FORM_PHRASES = Set.of(
            "leave a reply", "leave a comment", "your email address will not be published",
            "required fields are marked", "post comment", "cancel reply", "save my name, email", "notify me of",
            "we use cookies", "site uses cookies", "accept cookies");
    /** Share buttons: chrome, and furniture that does not part a headline from its text. */
    private static final Set<String> SHARE_PHRASES = Set.of("share on", "share this");
    /** Calls to action and site furniture: chrome when the line is short and not a sentence about them. */
    private static final Set<String> CHROME_PHRASES = union(SHARE_PHRASES, Set.of(
            "back to top", "follow us on", "subscribe to", "sign up for",
            "newsletter", "click here", "privacy policy", "terms of use", "terms of service", "cookie",
            "advertisement", "skip to content", "get news fast", "download the app", "accept all",
            "manage preferences", "your email address"));
    private static final Set<String> TEASER_HEADERS = Set.of(
            "most read", "most popular", "most viewed", "read next", "read more", "related", "related articles",
            "related stories", "related news", "related posts", "more stories", "more news", "more from",
            "trending", "trending now", "recommended", "recommended for you", "you may also like",
            "you might also like", "latest news", "also read", "popular", "top stories");

    /** Kind of one line. */
    public enum Kind {
        BLANK, CONTENT, CHROME
    }

    /** Classifies every line of an article; index 0 is line 1. */
    public List<Kind> classify(List<String> lines) {
        List<Kind> kinds = new ArrayList<>(lines.size());
        java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();
        for (String raw : lines) {
            occurrences.merge(String.join(" ", words(stripBullets(Text.strip(raw)))), 1, Integer::sum);
        }
        boolean first = true;
        Set<String> seenShortLines = new HashSet<>();
        List<Set<String>> headlineTokens = new ArrayList<>();
        int sentencesSeen = 0;
        boolean teaserBlock = false;
        for (String raw : lines) {
            String line = Text.strip(raw);
            if (line.isEmpty()) {
                kinds.add(Kind.BLANK);
                continue;
            }
            if (teaserBlock) {
                kinds.add(Kind.CHROME);
                continue;
            }
            String body = stripBullets(line);
            boolean bullet = body.length() != line.length();
            String lower = body.toLowerCase(Locale.ROOT);
            List<String> words = words(body);
            boolean sentence = TERMINAL.matcher(body).find();

            // A teaser block ("Most Read", "Read Next") after the article runs to the end of the page.
            if (sentencesSeen >= 3 && TEASER_HEADERS.contains(lower.replaceAll("[:\\s]+$", ""))) {
                teaserBlock = true;
                kinds.add(Kind.CHROME);
                continue;
            }
            boolean chrome;
            if (first && !bullet) {
                // The first line is the title unless it is chrome by pattern, or a short name the page repeats
                // (a site name in header and footer); "Super Bowl 50" stays, "Al Mayadeen English" goes.
                String key = String.join(" ", words);
                chrome = isChromePattern(body, lower, words, sentence)
                        || (words.size() <= 3 && occurrences.getOrDefault(key, 0) > 1);
            } else {
                chrome = isChrome(body, lower, words, sentence, bullet);
            }
            first = false;
            if (!chrome && !sentence && words.size() <= 25) {
                // A headline-like line seen before, exactly or nearly (a site name, a repeated title).
                String key = String.join(" ", words);
                Set<String> tokens = new HashSet<>(words);
                chrome = !seenShortLines.add(key) || repeatsHeadline(tokens, headlineTokens);
                if (!chrome && tokens.size() >= 4) {
                    headlineTokens.add(tokens);
                }
            }
            kinds.add(chrome ? Kind.CHROME : Kind.CONTENT);
            if (!chrome && sentence) {
                sentencesSeen++;
            }
        }
        return kinds;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** A widget of the page rather than a line of the article: share buttons, a share or reading-time counter. */
    static boolean isFurniture(String line) {
        String body = stripBullets(Text.strip(line));
        String lower = body.toLowerCase(Locale.ROOT);
        List<String> words = words(body);
        return COUNTER.matcher(body).matches()
                || READING_TIME.matcher(body).matches()
                || (words.size() <= 14 && SHARE_PHRASES.stream().anyMatch(lower::contains));
    }

    private static boolean isChrome(String body, String lower, List<String> words, boolean sentence, boolean bullet) {
        if (words.isEmpty()) {
            return true; // punctuation or symbols only
        }
        if (!sentence && words.size() <= (bullet ? 6 : 3) && !body.startsWith("#")) {
            return true; // menu entries, section names, labels such as "BREAKING" or "Slogan"
        }
        return isChromePattern(body, lower, words, sentence);
    }

    private static boolean isChromePattern(String body, String lower, List<String> words, boolean sentence) {
        if (words.isEmpty()) {
            return true;
        }
        if (LINK_PREFIX.matcher(body).matches() || PREV_NEXT.matcher(body).matches()
                || COPYRIGHT.matcher(body).find() || COUNTER.matcher(body).matches()
                || READING_TIME.matcher(body).matches() || CAPTCHA.matcher(body).matches()
                || URL_LINE.matcher(body).matches() || PRINT_HEADER.matcher(body).matches()) {
            return true;
        }
        if (!sentence && TAG_LIST.matcher(body).matches()) {
            return true;
        }
        if (!sentence && words.size() <= 8 && BYLINE.matcher(body).matches()) {
            return true;
        }
        if (isBareDate(body)) {
            return true;
        }
        if (body.chars().filter(c -> c == '|').count() >= 2) {
            return true; // "a | b | c": navigation or ad strips
        }
        if (words.size() <= 30) {
            for (String phrase : FORM_PHRASES) {
                if (lower.contains(phrase)) {
                    return true;
                }
            }
        }
        if (words.size() <= 14 && (!sentence || words.size() <= 4)) {
            for (String phrase : CHROME_PHRASES) {
                if (lower.contains(phrase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "31 Mar 2024 20:18", "Sunday, March 31, 2024", "2024-11-13": nothing left once date words are gone. */
    static boolean isBareDate(String body) {
        if (!body.matches(".*\\d.*")) {
            return false;
        }
        String rest = DATE_WORDS.matcher(body).replaceAll(" ").replaceAll("[\\s,.:/\\-|]+", "");
        return rest.isEmpty();
    }

    private static boolean repeatsHeadline(Set<String> tokens, List<Set<String>> earlier) {
        if (tokens.size() < 4) {
            return false;
        }
        for (Set<String> other : earlier) {
            int shared = 0;
            for (String t : tokens) {
                if (other.contains(t)) {
                    shared++;
                }
            }
            if (shared >= 0.85 * Math.min(tokens.size(), other.size())) {
                return true;
            }
        }
        return false;
    }

    static String stripBullets(String line) {
        String s = line;
        while (true) {
            var m = BULLET.matcher(s);
            if (!m.find()) {
                return s;
            }
            s = Text.strip(s.substring(m.end()));
        }
    }

    /** Lower-cased words of letters and digits. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                w.append(Character.toLowerCase(c));
            } else if (w.length() > 0) {
                words.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }
}
