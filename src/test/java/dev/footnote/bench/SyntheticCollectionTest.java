package dev.footnote.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footnote.corpus.ArticleReader;
import dev.footnote.corpus.PassageBuilder;
import dev.footnote.eval.Gold;
import dev.footnote.eval.Question;
import dev.footnote.eval.QuestionSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCollectionTest {

    private static final String LAKES = "Lakes of the North";
    private static final String LAKE_PARAGRAPH = "Lake Vostok lies under the ice of Antarctica. It is about 250 "
            + "kilometres long. Russian scientists reached its water in 2012.";

    @TempDir
    Path dir;

    /** A tiny source in the layout of the shared benchmark folder: two SQuAD articles, three SciFact abstracts. */
    private Path sources() throws IOException {
        Path from = dir.resolve("from");
        write(from.resolve("squad-v1.1/articles/Lakes.txt"), LAKES + "\n\n" + LAKE_PARAGRAPH + "\n\n"
                + "Lake Baikal is the deepest lake in the world. Its floor lies 1,642 metres down. "
                + "Seals live in it far from any sea.\n");
        write(from.resolve("squad-v1.1/articles/Rivers.txt"), "Rivers\n\n"
                + "The Nile flows north through eleven countries. Its water feeds the farms of Egypt. "
                + "The Aswan dam was finished in 1970.\n");
        write(from.resolve("squad-v1.1/questions.jsonl"),
                """
                        {"id": "q1", "question": "When did scientists reach the water of Lake Vostok?", "answers": ["2012"], "gold": [{"file": "Lakes.txt", "start_line": 3, "end_line": 3}]}
                        {"id": "q2", "question": "How long is Lake Vostok?", "answers": ["about 250 kilometres"], "gold": [{"file": "Lakes.txt", "start_line": 3, "end_line": 3}]}
                        """);
        for (int a = 1; a <= 3; a++) {
            StringBuilder text = new StringBuilder("Abstract number " + a + " on cell growth\n\n");
            for (int s = 1; s <= 6; s++) {
                text.append("Finding ").append(s).append(" of study ").append(a)
                        .append(" shows that cells grow faster in warm water.\n");
            }
            text.append(".\n"); // a line SciFact has that is no sentence
            write(from.resolve("scifact/articles/" + a + ".txt"), text.toString());
        }
        return from;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private SyntheticCollection.Result generate(Path from, String out, long seed) throws IOException {
        return new SyntheticCollection(new SyntheticCollection.Settings(from, dir.resolve(out), 40, seed, 1))
                .write(line -> {});
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void theSameSeedWritesTheSameBytesAndTheParserFindsThePassagesItReports() throws IOException {
        Path from = sources();
        SyntheticCollection.Result a = generate(from, "a", 7);
        SyntheticCollection.Result b = generate(from, "b", 7);
        generate(from, "c", 8);

        Map<String, byte[]> first = files(dir.resolve("a"));
        Map<String, byte[]> second = files(dir.resolve("b"));
        Map<String, byte[]> other = files(dir.resolve("c"));
        assertThat(first).hasSize(41).containsKey("questions.jsonl"); // 40 articles and the questions
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((name, bytes) -> assertThat(second.get(name)).as(name).isEqualTo(bytes));
        assertThat(first.keySet().stream().filter(n -> !java.util.Arrays.equals(first.get(n), other.get(n))))
                .as("another seed writes other files").isNotEmpty();
        assertThat(b).isEqualTo(a);

        // Every file is cut by Footnote's parser into at least the fewest passages aimed for, and the total is
        // the reported one.
        ArticleReader reader = new ArticleReader();
        PassageBuilder builder = new PassageBuilder();
        long passages = 0;
        for (var e : first.entrySet()) {
            if (e.getKey().endsWith(".txt")) {
                int n = builder.build(reader.parse(e.getKey(), e.getValue())).size();
                assertThat(n).as(e.getKey()).isBetween(3, 9);
                passages += n;
                assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).doesNotContain("\n.\n");
            }
        }
        assertThat(a.files()).isEqualTo(40);
        assertThat(a.passages()).isEqualTo(passages).isBetween(40L * 3, 40L * 7);
    }

    @Test
    void aKeptParagraphIsPlacedOnceAndItsQuestionsPointAtIt() throws IOException {
        Path from = sources();
        SyntheticCollection.Result result = generate(from, "a", 7);
        Path articles = dir.resolve("a/articles");

        // The one paragraph with questions, Lake Vostok's, is kept whole under its article's title.
        List<Question> questions = QuestionSet.read(dir.resolve("a/questions.jsonl"));
        assertThat(questions).extracting(Question::id).containsExactly("q1", "q2");
        assertThat(result.questions()).isEqualTo(2);
        Gold gold = questions.get(0).gold().get(0);
        assertThat(questions.get(1).gold()).containsExactly(gold);
        List<String> lines = Files.readAllLines(articles.resolve(gold.file()));
        assertThat(lines.get(0)).isEqualTo(LAKES);
        assertThat(lines.get(gold.startLine() - 1)).isEqualTo(LAKE_PARAGRAPH).contains("2012");

        // Nowhere else: its sentences were kept out of the pool the other files draw from.
        try (Stream<Path> s = Files.walk(articles)) {
            long holding = s.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.readString(p).contains("Russian scientists reached");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).count();
            assertThat(holding).isEqualTo(1);
        }
    }

    @Test
    void aFolderWithFilesIsNotWrittenInto() throws IOException {
        Path from = sources();
        write(dir.resolve("full/keep.txt"), "mine");
        assertThatThrownBy(() -> generate(from, "full", 7)).isInstanceOf(IOException.class)
                .hasMessageContaining("not empty");
        assertThat(Files.readString(dir.resolve("full/keep.txt"))).isEqualTo("mine");
    }
}
