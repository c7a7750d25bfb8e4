package dev.footnote.cli;

import dev.footnote.embed.BgeSmallEmbedder;
import dev.footnote.index.solr.SolrCollections;
import dev.footnote.json.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code footnote cluster start|status|stop}: a local SolrCloud (one ZooKeeper, N Solr nodes) for trying and testing. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Runs a SolrCloud on this machine: one ZooKeeper and Solr nodes, each a process of its own, on 127.0.0.1.", subcommands = {
        ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class,
        ClusterCommand.Collection.class})
final class ClusterCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Where the cluster's state lives and how its processes run. */
    static final class Where {
        @Option(names = {"--dir",
                "--cluster-dir"}, paramLabel = "DIR", description = "Folder of the cluster's state, logs and data (default: ${DEFAULT-VALUE}); FOOTNOTE_CLUSTER_DIR.")
        Path dir = Path.of(".footnote-cluster");

        @Option(names = "--cluster-jar", paramLabel = "JAR", description = "The cluster module's jar (default: cluster/target/footnote-cluster.jar of this build).")
        Path jar;

        @Option(names = "--node-java", paramLabel = "JAVA", description = "The java command the processes run on (default: the one running this command).")
        String java;

        @Option(names = "--node-heap", paramLabel = "SIZE", description = "Heap of each Solr node (default: ${DEFAULT-VALUE}).")
        String heap = "384m";

        @Option(names = "--start-timeout", paramLabel = "SECONDS", description = "How long to wait for the cluster to come up (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds = 180;

        @Option(names = "--node-jvm-options", paramLabel = "OPTIONS", description = "More JVM options for each Solr node, separated by spaces.")
        String jvmOptions = "";

        LocalCluster cluster() {
            return new LocalCluster(new LocalCluster.Settings(dir, jar == null ? LocalCluster.defaultJar() : jar,
                    java == null ? LocalCluster.currentJava() : java, heap, Duration.ofSeconds(timeoutSeconds),
                    jvmOptions.isBlank() ? List.of() : List.of(jvmOptions.trim().split("\\s+"))));
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Starts ZooKeeper and the Solr nodes, waits until every node is live, and prints the ZooKeeper address. In a folder whose cluster runs, starts again only the nodes that are down.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        @Option(names = "--nodes", paramLabel = "N", description = "Number of Solr nodes (default: ${DEFAULT-VALUE}).")
        int nodes = 2;

        @Override
        public Integer call() throws Exception {
            LocalCluster.State state = where.cluster().start(nodes, Main::log);
            PrintWriter out = spec.commandLine().getOut();
            out.println("zk " + state.zk());
            for (LocalCluster.Member node : state.nodes()) {
                out.println("node " + LocalCluster.url(node) + " pid " + node.pid());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Says for each node its process, address and whether it is live in the cluster; exits 1 when one is not.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        @Option(names = "--json", arity = "0..1", fallbackValue = "true", description = "Print {\"zk\": ..., \"nodes\": [{\"pid\", \"url\", \"live\"}]}.")
        boolean json;

        @Override
        public Integer call() {
            LocalCluster.Status status = where.cluster().status();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(status));
            } else {
                out.println("zk " + status.zk());
                for (LocalCluster.NodeStatus node : status.nodes()) {
                    out.println("node " + node.url() + " pid " + node.pid() + (node.live() ? " live" : " down"));
                }
            }
            out.flush();
            return status.allLive() ? 0 : 1;
        }
    }

    @Command(name = "collection", mixinStandardHelpOptions = true, description = "Makes Footnote's collection on a SolrCloud: uploads the configset (Footnote's schema and English analysis, cosine vectors of the embedder's dimension) and creates the collection, or checks the one that is there.")
    static final class Collection implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Where where;

        @Option(names = "--solr-zk", paramLabel = "HOST:PORT[/chroot]", description = "The SolrCloud's ZooKeeper (default: that of the local cluster in --dir).")
        String zk;

        @Option(names = "--solr-collection", paramLabel = "NAME", description = "The collection (default: ${DEFAULT-VALUE}).")
        String collection = "footnote";

        @Option(names = "--solr-shards", paramLabel = "N", description = "Shards of a new collection (default: ${DEFAULT-VALUE}).")
        int shards = 1;

        @Option(names = "--solr-replicas", paramLabel = "M", description = "Replicas of each shard of a new collection (default: ${DEFAULT-VALUE}).")
        int replicas = 1;

        @Option(names = "--solr-timeout", paramLabel = "SECONDS", description = "How long to wait for ZooKeeper (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds = 10;

        @Override
        public Integer call() {
            String address = zk;
            if (address == null || address.isBlank()) {
                address = where.cluster().state().map(LocalCluster.State::zk).orElseThrow(
                        () -> new IllegalArgumentException("give --solr-zk HOST:PORT, or start a local cluster first "
                                + "(./footnote cluster start; none is in " + where.dir + ")"));
            }
            try (SolrCollections solr = SolrCollections.connect(address, timeoutSeconds)) {
                SolrCollections.Outcome made = solr.ensure(collection, shards, replicas, BgeSmallEmbedder.DIMENSION);
                PrintWriter out = spec.commandLine().getOut();
                out.println((made.created() ? "created " : "checked ") + made.collection() + ": " + made.shards()
                        + " shard" + (made.shards() == 1 ? "" : "s") + " x " + made.replicas() + " replica"
                        + (made.replicas() == 1 ? "" : "s") + ", configset " + made.configSet() + ", schema "
                        + SolrCollections.SCHEMA_NAME + ", " + BgeSmallEmbedder.DIMENSION
                        + "-dimensional cosine vectors, at " + address);
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Ends ZooKeeper and every node and removes the cluster's folder.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        Where where;

        @Override
        public Integer call() throws Exception {
            where.cluster().stop(Main::log);
            return 0;
        }
    }
}
