package dev.footnote.index;

/**
 * Whether the index's backend can be reached now, as health shows it.
 *
 * @param kind       {@code solr}
 * @param status     {@code up} or {@code down}
 * @param collection the collection it serves
 * @param message    why it is down; null when up
 * @param replicas   the cluster's live nodes and the collection's replicas, active or not; null when unknown
 */
public record BackendStatus(String kind, String status, String collection, String message, Replicas replicas) {

    public BackendStatus(String kind, String status, String collection, String message) {
        this(kind, status, collection, message, null);
    }

    /**
     * The cluster as its state says now: live Solr nodes, and the collection's replicas with how many are active.
     * While a node is dead its replicas are not active; once it is back and caught up they are again.
     */
    public record Replicas(int liveNodes, int replicas, int active) {
    }

    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean up() {
        return UP.equals(status);
    }
}
