package dev.footnote.eval;

import dev.footnote.corpus.Article;
import dev.footnote.corpus.ArticleReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Moves a question set's gold places from the text version of a collection onto another version of it (the same
 * articles as HTML, PDF or Word files), so one set judges both. A gold place names lines of {@code 003_x.txt}; it
 * becomes the lines of {@code 003_x.pdf}'s extracted text that hold the text of those lines. A place whose text is
 * found nowhere becomes line 0, which no answer can hit: a loss in extraction counts against the figures, never
 * for them.
 */
public final class GoldMapping {

    /** What reads an indexed article's extracted lines. */
    public interface Articles {
        Optional<Article> article(String file) throws IOException;
    }

    private final Path textFolder;
    private final Map<String, String> byStem = new HashMap<>();
    private final Articles articles;
    private final Consumer<String> log;
    private final ArticleReader reader = new ArticleReader();

    public GoldMapping(Path textFolder, Collection<String> indexedFiles, Articles articles, Consumer<String> log) {
        this.textFolder = textFolder;
        this.articles = articles;
        this.log = log;
        for (String f : indexedFiles) {
            byStem.put(stem(f), f);
        }
    }

    public List<Question> map(List<Question> set) throws IOException {
        List<Question> out = new ArrayList<>(set.size());
        int places = 0;
        int lost = 0;
        for (Question q : set) {
            List<Gold> gold = new ArrayList<>();
            for (Gold g : q.gold()) {
                Gold moved = move(g);
                places++;
                if (moved.startLine() != null && moved.startLine() == 0) {
                    lost++;
                    log.accept("gold place not found in the other version: " + q.id() + " " + g);
                }
                gold.add(moved);
            }
            out.add(new Question(q.id(), q.question(), q.answers(), q.answerable(), gold, q.perturbation(),
                    q.without()));
        }
        log.accept("gold places moved onto the collection's documents: " + (places - lost) + " of " + places);
        return out;
    }

    private Gold move(Gold g) throws IOException {
        String target = byStem.get(stem(g.file()));
        if (target == null) {
            return new Gold(g.file(), 0, 0);
        }
        if (g.wholeFile()) {
            return new Gold(target, null, null);
        }
        Optional<Article> doc = articles.article(target);
        Path text = textFolder.resolve(g.file());
        if (doc.isEmpty() || !Files.isRegularFile(text)) {
            return new Gold(target, 0, 0);
        }
        Article source = reader.read(text, g.file());
        List<String> lines = doc.get().lines().stream().map(GoldMapping::normal).toList();
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (int n = g.startLine(); n <= Math.min(g.endLine(), source.lineCount()); n++) {
            String want = normal(source.lines().get(n - 1));
            if (want.isEmpty()) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String have = lines.get(i);
                // A PDF may cut a paragraph at a page break: then each piece is part of the gold line.
                if (have.contains(want) || (have.length() >= 20 && want.contains(have))) {
                    first = Math.min(first, i + 1);
                    last = Math.max(last, i + 1);
                }
            }
        }
        return last == 0 ? new Gold(target, 0, 0) : new Gold(target, first, last);
    }

    private static String normal(String line) {
        return line.replaceAll("(?U)[\\s\\u200b]+", " ").replaceFirst("^[\\s\\u2022*\\-]+", "").strip();
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
