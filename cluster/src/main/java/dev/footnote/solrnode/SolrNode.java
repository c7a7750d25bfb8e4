package dev.footnote.solrnode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs one SolrCloud node in this process until it is stopped: {@code SolrNode HOME PORT ZK}. Port 0 takes a free
 * port; the port in use is written to {@code HOME/port} once the node has joined the cluster, which is how the
 * process that started it learns the node's address. A node restarted with its old port keeps its name in the
 * cluster, so its replicas come back to it.
 */
public final class SolrNode {

    private SolrNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SolrNode HOME PORT ZK_HOST:PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String zk = args[2];
        Files.createDirectories(home);
        Path solrXml = home.resolve("solr.xml");
        if (!Files.exists(solrXml)) {
            try (InputStream in = SolrNode.class.getResourceAsStream("/footnote-solr.xml")) {
                if (in == null) {
                    throw new IOException("footnote-solr.xml is missing from the classpath");
                }
                Files.copy(in, solrXml);
            }
        }
        // Solr reads the ZooKeeper address from this property; the node's own data stays under its home.
        System.setProperty("zkHost", zk);
        System.setProperty("solr.solr.home", home.toString());
        System.setProperty("solr.data.home", home.toString());
        JettySolrRunner jetty = new JettySolrRunner(home.toString(), new Properties(),
                JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(true).build());
        jetty.start();
        Path tmp = home.resolve("port.tmp");
        Files.writeString(tmp, Integer.toString(jetty.getLocalPort()), StandardCharsets.US_ASCII);
        Files.move(tmp, home.resolve("port"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // Jetty's threads keep the process alive; SIGTERM stops the node through Jetty's shutdown hook.
    }
}
