package dev.footnote.index;

/**
 * Who writes the index when several processes share it (a cluster backend, where one holds the writer lease).
 *
 * @param owner   the holder ({@code pid@host/instance}); null when no one holds it
 * @param self    whether that is this process
 * @param expires when the holder's lease ends unless renewed (ISO-8601); null when no one holds it
 */
public record WriterStatus(String owner, boolean self, String expires) {
}
