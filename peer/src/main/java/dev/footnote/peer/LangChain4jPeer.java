package dev.footnote.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LangChain4j's standard ingestion and retrieval over a folder of text files, measured the way Footnote's
 * benchmark measures itself: an {@link EmbeddingStoreIngestor} with {@code DocumentSplitters.recursive(300, 30)},
 * the same bge-small-en-v1.5 model as Footnote and an {@link InMemoryEmbeddingStore}; then an
 * {@link EmbeddingStoreContentRetriever} with 10 results for each question, judged at file level by nDCG@10 as
 * {@code footnote eval --documents} judges. Prints one line of JSON.
 *
 * <p>Usage: {@code java -jar footnote-peer.jar ARTICLES_DIR QUESTIONS_JSONL}
 */
public final class LangChain4jPeer {

    private LangChain4jPeer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: footnote-peer ARTICLES_DIR QUESTIONS_JSONL");
            System.exit(2);
        }
        Path articles = Path.of(args[0]);
        Path questions = Path.of(args[1]);

        long start = System.nanoTime();
        List<Document> documents = FileSystemDocumentLoader.loadDocuments(articles, new TextDocumentParser());
        EmbeddingModel model = new BgeSmallEnV15QuantizedEmbeddingModel();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        DocumentSplitter splitter = DocumentSplitters.recursive(300, 30);
        EmbeddingStoreIngestor.builder()
                .documentSplitter(splitter)
                .embeddingModel(model)
                .embeddingStore(store)
                .build()
                .ingest(documents);
        double seconds = (System.nanoTime() - start) / 1e9;
        // Counted apart from the timed ingestion: the ingestor does not report how many segments it made.
        int segments = splitter.splitAll(documents).size();

        ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(model)
                .maxResults(10)
                .build();
        ObjectMapper json = new ObjectMapper();
        double ndcg = 0;
        int asked = 0;
        List<Double> millis = new ArrayList<>();
        for (String line : Files.readAllLines(questions)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode q = json.readTree(line);
            if (!q.path("answerable").asBoolean(true)) {
                continue;
            }
            Set<String> gold = new LinkedHashSet<>();
            q.path("gold").forEach(g -> gold.add(g.path("file").asText()));
            long t0 = System.nanoTime();
            List<Content> found = retriever.retrieve(Query.from(q.path("question").asText()));
            millis.add((System.nanoTime() - t0) / 1e6);
            List<String> files = new ArrayList<>(new LinkedHashSet<>(
                    found.stream().map(c -> c.textSegment().metadata().getString("file_name")).toList()));
            ndcg += ndcg(files, gold);
            asked++;
        }
        millis.sort(Double::compare);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", documents.size());
        out.put("segments", segments);
        out.put("seconds", round(seconds));
        out.put("segments_per_second", round(segments / seconds));
        out.put("questions", asked);
        out.put("ndcg_at_10", asked == 0 ? null : round(ndcg / asked));
        out.put("retrieve_ms_p50", millis.isEmpty() ? null : round(millis.get(millis.size() / 2)));
        System.out.println(json.writeValueAsString(out));
    }

    /** A file found earlier in the list counts once, as in Footnote's evaluation at file level. */
    static double ndcg(List<String> ranked, Set<String> gold) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (gold.contains(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, gold.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
