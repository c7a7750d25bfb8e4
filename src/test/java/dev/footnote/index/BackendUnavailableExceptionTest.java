package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

class BackendUnavailableExceptionTest {

    @Test
    void aRequestThatRanOutOfTimeIsTimedOutNotGone() {
        // What Footnote's client (SolrJ over Apache HttpClient) throws when a node takes too long to answer.
        var slow = new BackendUnavailableException("search failed", new SolrServerException(
                "Timeout occurred while waiting response from server", new SocketTimeoutException("Read timed out")));
        assertThat(slow.timedOut()).isTrue();
        // A node answering 500 because its own request to another shard (Solr's Jetty client) timed out.
        var shardSlow = new BackendUnavailableException("search failed",
                new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                        "java.util.concurrent.TimeoutException: Total timeout 60000 ms elapsed"));
        assertThat(shardSlow.timedOut()).isTrue();
        var jettySlow = new BackendUnavailableException("search failed",
                new SolrServerException(new TimeoutException("Total timeout 60000 ms elapsed")));
        assertThat(jettySlow.timedOut()).isTrue();
    }

    @Test
    void aClusterThatCannotBeReachedIsNotTimedOut() {
        var gone = new BackendUnavailableException("search failed",
                new SolrServerException("IOException occurred when talking to server",
                        new ConnectException("Connection refused")));
        assertThat(gone.timedOut()).isFalse();
        var noReplica = new BackendUnavailableException("search failed",
                new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no servers hosting shard: shard1"));
        assertThat(noReplica.timedOut()).isFalse();
        // A host that is down or cut off: the connection cannot be made in time, which is gone, not slow.
        // (Apache HttpClient wraps this cause in its ConnectTimeoutException.)
        var cutOff = new BackendUnavailableException("search failed", new SolrServerException(
                "IOException occurred when talking to server", new SocketTimeoutException("connect timed out")));
        assertThat(cutOff.timedOut()).isFalse();
        assertThat(new BackendUnavailableException("lost", null).timedOut()).isFalse();
    }
}
