package dev.footnote.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrException;
import org.junit.jupiter.api.Test;

class BackendUnavailableExceptionTest {

    @Test
    void aRequestThatRanOutOfTimeIsTimedOutNotGone() {
        // What SolrJ's HTTP/2 client throws when a shard request passes its socket timeout.
        var slow = new BackendUnavailableException("search failed",
                new SolrServerException(new TimeoutException("Total timeout 60000 ms elapsed")));
        assertThat(slow.timedOut()).isTrue();
        // A node answering 500 because its own request to another shard timed out.
        var shardSlow = new BackendUnavailableException("search failed",
                new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                        "java.util.concurrent.TimeoutException: Total timeout 60000 ms elapsed"));
        assertThat(shardSlow.timedOut()).isTrue();
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
        assertThat(new BackendUnavailableException("lost", null).timedOut()).isFalse();
    }
}
