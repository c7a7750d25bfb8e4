package dev.footnote.index;

/**
 * Whether the index's backend can be reached now, as health shows it.
 *
 * @param kind       {@code solr}
 * @param status     {@code up} or {@code down}
 * @param collection the collection it serves
 * @param message    why it is down; null when up
 */
public record BackendStatus(String kind, String status, String collection, String message) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean up() {
        return UP.equals(status);
    }
}
