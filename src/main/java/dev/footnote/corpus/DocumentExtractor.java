package dev.footnote.corpus;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Extracts documents' text in a child JVM ({@link ExtractionWorker}), one file at a time, with a time limit per
 * file, a character limit and the child's own heap limit.
 *
 * <p>Why a child process: a parser of PDF or Office files is large third-party code that a hostile or merely
 * broken file can send into an endless loop or a runaway allocation, and neither can be stopped safely inside
 * the server's JVM (a thread cannot be killed; an OutOfMemoryError can strike any thread of the server). A child
 * with its own {@code -Xmx} that exits on running out of memory, and that is killed when a file takes too long,
 * keeps all of that away from the server: the file is reported and skipped, a new child takes the next one. Tika's
 * ForkParser does the same at heart, but only hands back SAX events through serialised handlers; a plain child
 * that returns finished lines with their origins is simpler and needs no classpath of its own. The child is
 * started at the first document of an indexing pass and ended with the pass ({@link #release}), so a served
 * folder costs no idle JVM.
 */
public final class DocumentExtractor implements Closeable {

    /**
     * The bounds on one file: how long its parser may take, how many characters of text are kept (the rest is
     * cut, and said so), and the child's heap in MB.
     */
    public record Limits(Duration timeout, int maxChars, int heapMb) {
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(60), 20_000_000, 768);
    }

    /** The exit status of a JVM that stopped on running out of memory ({@code -XX:+ExitOnOutOfMemoryError}). */
    private static final int OUT_OF_MEMORY_EXIT = 3;

    private final Limits limits;
    private final List<String> command;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "footnote-extract-reply");
        t.setDaemon(true);
        return t;
    });
    private Process worker;
    private DataOutputStream toWorker;
    private DataInputStream fromWorker;

    public DocumentExtractor() {
        this(Limits.DEFAULTS);
    }

    public DocumentExtractor(Limits limits) {
        this(limits, workerCommand(limits, ExtractionWorker.class.getName()));
    }

    /** With another child program speaking the worker's protocol (a test's stand-in for a parser that hangs). */
    public DocumentExtractor(Limits limits, List<String> command) {
        this.limits = limits;
        this.command = List.copyOf(command);
    }

    /** This JVM's java and class path, with the child's heap limit and its main class. */
    public static List<String> workerCommand(Limits limits, String mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + limits.heapMb() + "m");
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=off");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.add(String.valueOf(limits.maxChars()));
        return cmd;
    }

    public Limits limits() {
        return limits;
    }

    /** The text of a document, or why it has none: parse error, encryption, no text layer, time or memory. */
    public synchronized ExtractedDocument extract(String name, byte[] bytes) throws ExtractionException {
        try {
            ensureWorker();
            toWorker.writeUTF(name);
            toWorker.writeInt(bytes.length);
            toWorker.write(bytes);
            toWorker.flush();
        } catch (IOException e) {
            throw lost("the parser process could not be given the file");
        }
        DataInputStream in = fromWorker;
        Future<ExtractedDocument> reply = reader.submit(() -> ExtractionWorker.read(in));
        try {
            return reply.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            stopWorker();
            throw new ExtractionException("its parser did not finish within " + limits.timeout().toSeconds()
                    + " s, so it was stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWorker();
            throw new ExtractionException("interrupted while parsing it");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExtractionException x) {
                return rethrow(x);
            }
            throw lost("the parser process ended while reading it");
        }
    }

    private static ExtractedDocument rethrow(ExtractionException x) throws ExtractionException {
        throw x;
    }

    /** The child died mid-file: says how, and clears the way for a new one. */
    private ExtractionException lost(String what) {
        Integer exit = null;
        if (worker != null) {
            try {
                if (worker.waitFor(5, TimeUnit.SECONDS)) {
                    exit = worker.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopWorker();
        if (exit != null && exit == OUT_OF_MEMORY_EXIT) {
            return new ExtractionException("its parser ran out of memory (the limit is " + limits.heapMb() + " MB)");
        }
        return new ExtractionException(what + (exit == null ? "" : " (exit status " + exit + ")"));
    }

    private void ensureWorker() throws IOException {
        if (worker != null && worker.isAlive()) {
            return;
        }
        stopWorker();
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        worker = pb.start();
        toWorker = new DataOutputStream(new BufferedOutputStream(worker.getOutputStream()));
        fromWorker = new DataInputStream(new BufferedInputStream(worker.getInputStream()));
    }

    private void stopWorker() {
        if (worker != null) {
            worker.destroyForcibly();
            try {
                worker.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
        toWorker = null;
        fromWorker = null;
    }

    /** Ends the child, if one runs; the next document starts a new one. Called at the end of every pass. */
    public synchronized void release() {
        if (worker != null && worker.isAlive()) {
            try {
                toWorker.close(); // end of input: the child returns from main
                if (!worker.waitFor(2, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            } catch (IOException e) {
                worker.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.destroyForcibly();
            }
        }
        stopWorker();
    }

    /** Whether a child is running now (for tests: a pass leaves none behind). */
    public synchronized boolean running() {
        return worker != null && worker.isAlive();
    }

    /**
     * The reason a file with these bytes failed before, or null. A bad file is reported once: later passes skip
     * it quietly until its bytes change.
     */
    public String failedBefore(String file, String hash) {
        String known = failures.get(file);
        return known != null && known.startsWith(hash + " ") ? known.substring(hash.length() + 1) : null;
    }

    public void remember(String file, String hash, String reason) {
        failures.put(file, hash + " " + reason);
    }

    public void forget(String file) {
        failures.remove(file);
    }

    @Override
    public void close() {
        release();
        reader.shutdownNow();
    }
}
