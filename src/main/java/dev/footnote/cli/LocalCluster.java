package dev.footnote.cli;

import dev.footnote.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A SolrCloud on this machine for trying and testing: one ZooKeeper and a number of Solr nodes, each a process of its
 * own so that one node can be killed alone. The processes run on the cluster module's classpath (Solr 9 brings Lucene
 * 9, which must not meet Footnote's Lucene 10), listen on 127.0.0.1 only, on free ports, and outlive the command that
 * started them; {@code DIR/cluster.json} says where they are, so that {@code status} and {@code stop} find them.
 */
final class LocalCluster {

    static final String STATE_FILE = "cluster.json";
    static final String NODE_MAIN = "dev.footnote.solrnode.SolrNode";
    static final String ZOOKEEPER_MAIN = "org.apache.zookeeper.server.ZooKeeperServerMain";

    /** One process of the cluster: its id and start time (together they name it even if the id is reused). */
    record Member(long pid, long startedAtMs, int port) {
    }

    /** What {@code DIR/cluster.json} holds. */
    record State(String zk, Member zookeeper, List<Member> nodes) {
    }

    /** One node as {@code status} reports it. */
    record NodeStatus(long pid, String url, boolean live) {
    }

    /** The cluster as {@code status --json} prints it. */
    record Status(String zk, List<NodeStatus> nodes) {
        boolean allLive() {
            return !nodes.isEmpty() && nodes.stream().allMatch(NodeStatus::live);
        }
    }

    /**
     * How to run the processes: the state folder, the cluster module's jar, the java command, each node's heap and how
     * long to wait for the cluster to come up.
     */
    record Settings(Path dir, Path jar, String java, String heap, Duration timeout, List<String> jvmOptions) {
    }

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final long POLL_MS = 200;

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalCluster(Settings settings) {
        this.settings = settings;
    }

    /** The cluster module's jar beside this build: {@code cluster/target/footnote-cluster.jar} of the project. */
    static Path defaultJar() {
        return projectFile("cluster/target/footnote-cluster.jar");
    }

    /** A file of the project this build belongs to, such as a module's jar; relative to here when unknown. */
    static Path projectFile(String relative) {
        try {
            // target/footnote.jar or target/classes: the project folder is two levels up from either.
            Path code = Path.of(LocalCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path project = code.getParent() == null ? code : code.getParent().getParent();
            return project == null ? Path.of(relative) : project.resolve(relative);
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of(relative);
        }
    }

    /** The java that runs this process: the nodes run on the same JDK. */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    Optional<State> state() {
        return stateIn(settings.dir());
    }

    /** The state of the cluster whose folder is {@code dir}, if one was started there. */
    static Optional<State> stateIn(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), State.class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts ZooKeeper and {@code nodes} Solr nodes and waits until every node is live. When this folder already holds
     * a running cluster, only the nodes that are down are started again, each on its old port so that it keeps its
     * name and its replicas.
     */
    State start(int nodes, Consumer<String> log) throws IOException {
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, not " + nodes);
        }
        if (!Files.isRegularFile(settings.jar())) {
            throw new IllegalStateException("the cluster's classpath is missing: " + settings.jar()
                    + " (build it with: mvn -f cluster/pom.xml package)");
        }
        Optional<State> existing = state();
        if (existing.isPresent() && alive(existing.get().zookeeper())) {
            if (existing.get().nodes().size() != nodes) {
                log.accept("the cluster in " + settings.dir() + " has " + existing.get().nodes().size()
                        + " nodes; --nodes " + nodes + " applies to a new cluster (stop this one first)");
            }
            return restartDeadNodes(existing.get(), log);
        }
        if (existing.isPresent()) {
            // Its ZooKeeper is gone: a new cluster here would take the folder, with the collection's data and the
            // logs that say what happened, so the user decides.
            throw new IllegalStateException("the cluster in " + settings.dir() + " is down (its ZooKeeper, pid "
                    + existing.get().zookeeper().pid() + ", is not running; its log: " + logOf("zookeeper")
                    + "). Run ./footnote cluster stop to end what is left and remove the folder, then start again.");
        }
        long began = System.nanoTime();
        Files.createDirectories(settings.dir());
        Member zookeeper = startZooKeeper();
        String zk = "127.0.0.1:" + zookeeper.port();
        State state = new State(zk, zookeeper, List.of());
        write(state);
        try {
            waitFor("ZooKeeper at " + zk, () -> zooKeeperAnswers(zk) || !alive(zookeeper), logOf("zookeeper"));
            if (!alive(zookeeper)) {
                throw new IllegalStateException("ZooKeeper ended while starting; its log: " + logOf("zookeeper")
                        + tail(logOf("zookeeper")));
            }
            log.accept("ZooKeeper is up at " + zk + "; starting " + nodes + " Solr node" + (nodes == 1 ? "" : "s"));
            List<Member> started = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) {
                started.add(startNode(i, 0, zk));
                state = new State(zk, zookeeper, List.copyOf(started));
                write(state); // each process is written down at once, so that stop finds it whatever happens next
            }
            state = new State(zk, zookeeper, awaitNodes(state, log));
            write(state);
        } catch (RuntimeException | IOException e) {
            endAll(); // the folder stays, with the logs the message points to
            throw e;
        }
        log.accept("cluster ready in " + (System.nanoTime() - began) / 1_000_000 + " ms; state in " + settings.dir());
        return state;
    }

    private State restartDeadNodes(State state, Consumer<String> log) throws IOException {
        List<Member> nodes = new ArrayList<>(state.nodes());
        int restarted = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!alive(nodes.get(i))) {
                log.accept("node " + (i + 1) + " is down; starting it again on port " + nodes.get(i).port());
                nodes.set(i, startNode(i + 1, nodes.get(i).port(), state.zk()));
                restarted++;
            }
        }
        State next = new State(state.zk(), state.zookeeper(), List.copyOf(nodes));
        write(next);
        if (restarted == 0) {
            log.accept("the cluster in " + settings.dir() + " is already running");
        }
        next = new State(state.zk(), state.zookeeper(), awaitNodes(next, log));
        write(next);
        return next;
    }

    /** Each node live, with the port it took; fails with the end of its log when one does not come up in time. */
    private List<Member> awaitNodes(State state, Consumer<String> log) {
        List<Member> ready = new ArrayList<>();
        for (int i = 0; i < state.nodes().size(); i++) {
            Member node = state.nodes().get(i);
            Path home = nodeHome(i + 1);
            Path portFile = home.resolve("port");
            String what = "Solr node " + (i + 1);
            waitFor(what, () -> Files.exists(portFile) || !alive(node), home.resolve("solr.log"));
            if (!alive(node)) {
                throw new IllegalStateException(what + " ended while starting; its log: " + home.resolve("solr.log")
                        + tail(home.resolve("solr.log")));
            }
            Member withPort = new Member(node.pid(), node.startedAtMs(), readPort(portFile));
            waitFor(what + " at " + url(withPort), () -> healthy(withPort) || !alive(withPort),
                    home.resolve("solr.log"));
            if (!alive(withPort)) {
                throw new IllegalStateException(what + " ended while starting; its log: " + home.resolve("solr.log")
                        + tail(home.resolve("solr.log")));
            }
            log.accept("node " + (i + 1) + " live at " + url(withPort) + " (pid " + node.pid() + ")");
            ready.add(withPort);
        }
        return List.copyOf(ready);
    }

    /** Every node with its process id, address and whether it is up and live in the cluster. */
    Status status() {
        State state = state().orElseThrow(() -> new IllegalStateException(
                "no cluster in " + settings.dir() + " (start one with: ./footnote cluster start)"));
        List<NodeStatus> nodes = state.nodes().stream()
                .map(n -> new NodeStatus(n.pid(), url(n), alive(n) && healthy(n)))
                .toList();
        return new Status(state.zk(), nodes);
    }

    /** Ends every process of the cluster (politely, then by force) and removes its folder; says how many ended. */
    int stop(Consumer<String> log) throws IOException {
        int ended = endAll();
        if (Files.exists(settings.dir())) {
            deleteTree(settings.dir());
        }
        log.accept("stopped " + ended + " process" + (ended == 1 ? "" : "es") + "; removed " + settings.dir());
        return ended;
    }

    private int endAll() {
        Optional<State> state = state();
        if (state.isEmpty()) {
            return 0;
        }
        // Nodes first: a node whose ZooKeeper is gone spends its shutdown retrying it.
        List<ProcessHandle> nodes = state.get().nodes().stream().map(this::handle).flatMap(Optional::stream).toList();
        return end(nodes) + end(handle(state.get().zookeeper()).stream().toList());
    }

    private static int end(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        return processes.size();
    }

    static String url(Member node) {
        return "http://127.0.0.1:" + node.port() + "/solr";
    }

    Path nodeHome(int number) {
        return settings.dir().resolve("node-" + number);
    }

    private Path logOf(String name) {
        return settings.dir().resolve(name).resolve(name + ".log");
    }

    private Member startZooKeeper() throws IOException {
        Path home = settings.dir().resolve("zookeeper");
        Files.createDirectories(home.resolve("data"));
        int port = freePort();
        // Loopback only; no admin web server (it would take port 8080); the four-letter words Solr's admin page uses.
        String config = String.join("\n",
                "tickTime=2000",
                "dataDir=" + home.resolve("data").toAbsolutePath(),
                "clientPort=" + port,
                "clientPortAddress=127.0.0.1",
                "maxClientCnxns=0",
                "admin.enableServer=false",
                "4lw.commands.whitelist=ruok,mntr,conf",
                "");
        Path cfg = home.resolve("zoo.cfg");
        Files.writeString(cfg, config, StandardCharsets.UTF_8);
        return launch(List.of("-Xmx128m", "-XX:+UseSerialGC", "-Dzookeeper.admin.enableServer=false",
                "-cp", settings.jar().toAbsolutePath().toString(), ZOOKEEPER_MAIN, cfg.toAbsolutePath().toString()),
                home.resolve("zookeeper.log"), port);
    }

    private Member startNode(int number, int port, String zk) throws IOException {
        Path home = nodeHome(number).toAbsolutePath();
        Files.createDirectories(home);
        Files.deleteIfExists(home.resolve("port"));
        // A small heap and the serial collector: several nodes share two cores and little memory here.
        List<String> args = new ArrayList<>(List.of("-Xmx" + settings.heap(), "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-Dsolr.log.dir=" + home));
        args.addAll(classDataSharing());
        args.addAll(settings.jvmOptions());
        args.addAll(List.of("-cp", settings.jar().toAbsolutePath().toString(), NODE_MAIN, home.toString(),
                Integer.toString(port), zk));
        return launch(args, home.resolve("solr.log"), port);
    }

    /**
     * Solr loads some twenty thousand classes at start; an archive of them beside the cluster's jar (made by the
     * first node that stops, made again whenever the jar changes) starts the next nodes in about half the time. Only
     * on the JDK running this command, whose version is known to have the option (19 and later).
     */
    private List<String> classDataSharing() {
        if (!settings.java().equals(currentJava()) || Runtime.version().feature() < 19) {
            return List.of();
        }
        Path archive = settings.jar().toAbsolutePath().resolveSibling("footnote-cluster.jsa");
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off");
    }

    private Member launch(List<String> args, Path logFile, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(settings.java());
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        process.getOutputStream().close(); // nothing is ever typed to a node
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new Member(process.pid(), started, port);
    }

    /** The process, while it is the one that was started (a process id alone may have been reused since). */
    private Optional<ProcessHandle> handle(Member member) {
        return ProcessHandle.of(member.pid()).filter(ProcessHandle::isAlive).filter(h -> member.startedAtMs() == 0
                || h.info().startInstant().map(i -> Math.abs(i.toEpochMilli() - member.startedAtMs()) < 2000)
                        .orElse(true));
    }

    boolean alive(Member member) {
        return handle(member).isPresent();
    }

    /** Solr's health check: answers 200 only while the node is live in the cluster (registered in ZooKeeper). */
    private boolean healthy(Member node) {
        if (node.port() <= 0) {
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(node) + "/admin/info/health?wt=json"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean zooKeeperAnswers(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("ruok".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(4), StandardCharsets.US_ASCII).equals("imok");
        } catch (IOException e) {
            return false;
        }
    }

    private void waitFor(String what, BooleanSupplier condition, Path logFile) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not come up within " + settings.timeout().toSeconds()
                        + " s; its log: " + logFile + tail(logFile));
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static int readPort(Path file) {
        try {
            return Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void write(State state) throws IOException {
        Path file = settings.dir().resolve(STATE_FILE);
        Path tmp = settings.dir().resolve(STATE_FILE + ".tmp");
        Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state),
                StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
