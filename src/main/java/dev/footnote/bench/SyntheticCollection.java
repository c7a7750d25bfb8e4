package dev.footnote.bench;

import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.PassageBuilder;
import dev.footnote.corpus.SentenceSplitter;
import dev.footnote.eval.Gold;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import dev.footnote.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A large collection made of real sentences: SQuAD's paragraphs and SciFact's abstracts cut into sentences and
 * recombined into files of a headline and a few paragraphs, for measuring Footnote at sizes no public set of
 * plain articles reaches. Some SQuAD paragraphs are kept whole, each placed in one file and nowhere else, so
 * their questions have exactly one gold file and line: the question file the ask benchmark reads.
 *
 * <p>
 * Files are written one at a time (only the source sentences are held in memory), and each file is drawn from
 * a random generator of its own seeded from the seed and its number, so the same seed writes the same bytes.
 * Each file gets paragraphs until Footnote's own parser cuts it into its target number of passages (3 to 6,
 * about 5 a file with the paragraph that reaches it), so the passage count printed is the count the index
 * will hold.
 */
public final class SyntheticCollection {

    /** Fewest and most passages a file is filled to (before a kept paragraph, which may add more). */
    private static final int MIN_PASSAGES = 3;
    private static final int MAX_PASSAGES = 6;
    private static final int FILES_PER_FOLDER = 1000;

    /**
     * What to generate.
     *
     * @param from       the folder holding {@code squad-v1.1/} and {@code scifact/} (layout of
     *                   /work/shared/bench); either may be missing, not both
     * @param out        where {@code articles/} and {@code questions.jsonl} go; must not exist or be empty
     * @param files      files to write
     * @param seed       the random seed
     * @param paragraphs SQuAD paragraphs kept whole, with their questions
     */
    public record Settings(Path from, Path out, int files, long seed, int paragraphs) {
        public Settings {
            if (files < 1) {
                throw new IllegalArgumentException("--files must be at least 1");
            }
            if (paragraphs < 0) {
                throw new IllegalArgumentException("--question-paragraphs must not be negative");
            }
        }
    }

    /**
     * What was written.
     *
     * @param files      files written
     * @param passages   passages Footnote's parser cuts them into
     * @param bytes      bytes written
     * @param questions  questions in {@code questions.jsonl}
     * @param sentences  distinct source sentences drawn from
     * @param headlines  distinct source headlines drawn from
     */
    public record Result(int files, long passages, long bytes, int questions, int sentences, int headlines) {
    }

    /** A SQuAD paragraph kept whole, with the title of its article and its questions. */
    private record Kept(String title, String text, List<Question> questions) {
    }

    private final Settings settings;
    private final List<String> sentences = new ArrayList<>();
    private final List<String> headlines = new ArrayList<>();
    private final List<Kept> kept = new ArrayList<>();
    private final SentenceSplitter splitter = new SentenceSplitter();

    public SyntheticCollection(Settings settings) {
        this.settings = settings;
    }

    /** Reads the sources, writes the collection and its questions; {@code log} gets progress. */
    public Result write(Consumer<String> log) throws IOException {
        Path out = settings.out();
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(out + " is not empty: give a new or empty folder to --out");
                }
            }
        }
        readSources();
        if (sentences.isEmpty() || headlines.isEmpty()) {
            throw new IOException("no sentences found under " + settings.from()
                    + ": it should hold squad-v1.1/articles or scifact/articles");
        }
        log.accept(String.format("%d sentences and %d headlines to draw from; %d paragraphs kept whole",
                sentences.size(), headlines.size(), kept.size()));
        Map<Integer, List<Kept>> placed = place();
        Path articles = out.resolve("articles");
        Files.createDirectories(articles);
        ArticleReader reader = new ArticleReader();
        PassageBuilder builder = new PassageBuilder();
        long passages = 0;
        long bytes = 0;
        int questions = 0;
        try (BufferedWriter q = Files.newBufferedWriter(out.resolve("questions.jsonl"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < settings.files(); i++) {
                String name = String.format("%03d/f%06d.txt", i / FILES_PER_FOLDER, i);
                SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + i);
                List<Kept> here = placed.getOrDefault(i, List.of());
                StringBuilder text = new StringBuilder();
                text.append(here.isEmpty() ? pick(random, headlines) : here.get(0).title()).append("\n\n");
                int line = 3;
                for (Kept k : here) {
                    text.append(k.text()).append("\n\n");
                    for (Question question : k.questions()) {
                        q.write(Json.write(questionLine(question, name, line)));
                        q.newLine();
                        questions++;
                    }
                    line += 2;
                }
                int target = MIN_PASSAGES + random.nextInt(MAX_PASSAGES - MIN_PASSAGES + 1);
                int count = count(reader, builder, name, text);
                while (count < target) {
                    int n = 2 + random.nextInt(4);
                    for (int s = 0; s < n; s++) {
                        text.append(s == 0 ? "" : " ").append(pick(random, sentences));
                    }
                    text.append("\n\n");
                    count = count(reader, builder, name, text);
                }
                byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
                Path file = articles.resolve(name);
                if (i % FILES_PER_FOLDER == 0) {
                    Files.createDirectories(file.getParent());
                }
                Files.write(file, content);
                passages += count;
                bytes += content.length;
                if ((i + 1) % 20_000 == 0) {
                    log.accept(String.format("%d files, %d passages", i + 1, passages));
                }
            }
        }
        return new Result(settings.files(), passages, bytes, questions, sentences.size(), headlines.size());
    }

    private static int count(ArticleReader reader, PassageBuilder builder, String name, StringBuilder text) {
        return builder.build(reader.parse(name, text.toString().getBytes(StandardCharsets.UTF_8))).size();
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static Map<String, Object> questionLine(Question q, String file, int line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("question", q.question());
        m.put("answers", q.answers());
        m.put("answerable", true);
        Map<String, Object> gold = new LinkedHashMap<>();
        gold.put("file", file);
        gold.put("start_line", line);
        gold.put("end_line", line);
        m.put("gold", List.of(gold));
        return m;
    }

    /** Spreads the kept paragraphs evenly over the files, in the seed's order. */
    private Map<Integer, List<Kept>> place() {
        Map<Integer, List<Kept>> placed = new TreeMap<>();
        for (int k = 0; k < kept.size(); k++) {
            int file = (int) ((k + 0.5) * settings.files() / kept.size());
            placed.computeIfAbsent(file, x -> new ArrayList<>()).add(kept.get(k));
        }
        return placed;
    }

    private void readSources() throws IOException {
        Path squad = settings.from().resolve("squad-v1.1");
        Map<String, List<Question>> asked = new TreeMap<>();
        Path squadQuestions = squad.resolve("questions.jsonl");
        if (Files.isRegularFile(squadQuestions)) {
            for (Question q : QuestionSet.read(squadQuestions)) {
                if (q.answerable() && q.gold().size() == 1 && !q.gold().get(0).wholeFile()) {
                    Gold g = q.gold().get(0);
                    asked.computeIfAbsent(g.file() + ":" + g.startLine(), x -> new ArrayList<>()).add(q);
                }
            }
        }
        // Which paragraphs are kept whole: a seeded draw among those that have questions.
        List<String> keys = new ArrayList<>(asked.keySet());
        Collections.shuffle(keys, new Random(settings.seed()));
        List<String> keep = keys.subList(0, Math.min(settings.paragraphs(), keys.size()));
        Set<String> keepSet = new HashSet<>(keep);
        Map<String, Kept> keptByKey = new TreeMap<>();
        for (Path file : sorted(squad.resolve("articles"))) {
            String name = squad.resolve("articles").relativize(file).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            String title = lines.get(0).strip();
            headlines.add(title);
            for (int n = 2; n <= lines.size(); n++) {
                String paragraph = lines.get(n - 1).strip();
                if (paragraph.isEmpty()) {
                    continue;
                }
                String key = name + ":" + n;
                if (keepSet.contains(key)) {
                    keptByKey.put(key, new Kept(title, paragraph, asked.get(key)));
                } else {
                    for (int[] span : splitter.split(paragraph)) {
                        addSentence(paragraph.substring(span[0], span[1]));
                    }
                }
            }
        }
        for (String key : keep) {
            if (keptByKey.containsKey(key)) {
                kept.add(keptByKey.get(key));
            }
        }
        Path scifact = settings.from().resolve("scifact").resolve("articles");
        for (Path file : sorted(scifact)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            headlines.add(lines.get(0).strip());
            for (int n = 2; n < lines.size(); n++) {
                addSentence(lines.get(n).strip());
            }
        }
        headlines.removeIf(String::isBlank);
    }

    /** Keeps a sentence of a few words; SciFact has lines such as "." that are no sentence. */
    private void addSentence(String sentence) {
        if (sentence.length() >= 20 && sentence.split(" ").length >= 4) {
            sentences.add(sentence);
        }
    }

    /** The {@code .txt} files below {@code dir} in name order (a listing's order is the file system's). */
    private static List<Path> sorted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
    }
}
