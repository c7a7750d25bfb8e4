package dev.footnote.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * bge-small-en-v1.5 (quantized ONNX, shipped inside LangChain4j's jar), run in-process. The ONNX session is
 * made with one thread per inference and batches are spread over two workers: on two cores that embeds about
 * twice as many sentences a second as the library's default session, and a query still takes ~3 ms.
 */
public final class BgeSmallEmbedder implements Embedder {

    /** bge's instruction for short queries that look for passages (applied to questions only). */
    public static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    /** The length of its vectors (a SolrCloud collection is made for it before anything is embedded). */
    public static final int DIMENSION = 384;
    private static final int BATCH = 64;

    private final Model model;
    private final boolean queryInstruction;

    private BgeSmallEmbedder(Model model, boolean queryInstruction) {
        this.model = model;
        this.queryInstruction = queryInstruction;
    }

    /**
     * Loads the model. The native libraries of the tokenizer and of ONNX Runtime are extracted under
     * {@code nativeDir} rather than the user's home folder or the temp folder; this must run before anything
     * else touches the embedding runtime.
     */
    public static synchronized BgeSmallEmbedder load(Path nativeDir, boolean queryInstruction) {
        if (shared == null) {
            prepare(nativeDir); // before anything loads the runtime's native libraries
            shared = new Model(); // one model per JVM: it is thread-safe and takes ~0.5 s to load
        }
        return new BgeSmallEmbedder(shared, queryInstruction);
    }

    private static Model shared;

    private static void prepare(Path nativeDir) {
        try {
            Files.createDirectories(nativeDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + nativeDir, e);
        }
        System.setProperty("DJL_CACHE_DIR", nativeDir.resolve("djl").toString());
        System.setProperty("jna.tmpdir", nativeDir.resolve("jna").toString());
        System.setProperty("OPT_OUT_TRACKING", "true"); // no cloud-metadata probe when the runtime starts
        OnnxNatives.install(nativeDir);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i += BATCH) {
            List<TextSegment> batch = texts.subList(i, Math.min(texts.size(), i + BATCH)).stream()
                    .map(BgeSmallEmbedder::nonBlank).map(TextSegment::from).toList();
            for (Embedding e : model.embedAll(batch).content()) {
                out.add(Vectors.normalize(e.vector()));
            }
        }
        return out;
    }

    @Override
    public float[] embedQuery(String question) {
        String text = queryInstruction ? QUERY_INSTRUCTION + question : question;
        return Vectors.normalize(model.embed(nonBlank(text)).content().vector());
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public String name() {
        return "bge-small-en-v1.5-q";
    }

    /** The model rejects blank text; a blank sentence cannot occur, but a heading may be empty. */
    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? "." : text;
    }

    /** The library's model files with a session tuned for two cores. */
    private static final class Model extends AbstractInProcessEmbeddingModel {
        private static final ExecutorService WORKERS = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "footnote-embed");
            t.setDaemon(true);
            return t;
        });
        private final OnnxBertBiEncoder encoder;

        Model() {
            super(WORKERS);
            ClassLoader loader = BgeSmallEnV15QuantizedEmbeddingModel.class.getClassLoader();
            try (InputStream onnx = loader.getResourceAsStream("bge-small-en-v1.5-q.onnx");
                    InputStream tokenizer = loader.getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json")) {
                if (onnx == null || tokenizer == null) {
                    throw new IllegalStateException(
                            "the bge-small-en-v1.5-q model files are missing from the classpath");
                }
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                options.setIntraOpNumThreads(1);
                OrtSession session = env.createSession(onnx.readAllBytes(), options);
                encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.CLS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedding model", e);
            } catch (OrtException e) {
                throw new IllegalStateException("cannot start the embedding model: " + e.getMessage(), e);
            }
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
