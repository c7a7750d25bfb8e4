package dev.footnote.slack;

import dev.footnote.Waits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Slack's Socket Mode endpoint on a loopback port: a WebSocket server that greets every connection with
 * {@code hello}, as Slack does, sends the envelopes a test gives it, and records every message the app sends
 * back (the acknowledgements, {@code {"envelope_id": …}}).
 */
final class SocketModeStandIn extends WebSocketServer {

    static final String HELLO = "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-test\","
            + "\"build_number\":1,\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0TEST\"}}";

    private final CountDownLatch started = new CountDownLatch(1);
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    SocketModeStandIn() throws InterruptedException {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        setReuseAddr(true);
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Socket Mode stand-in did not start");
        }
    }

    /** The URL {@code apps.connections.open} hands out. */
    String url() {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=test-ticket&app_id=A0TEST";
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        paths.add(handshake.getResourceDescriptor());
        conn.send(HELLO);
        open.add(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        open.remove(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // A connection the app drops while the test ends; nothing to do.
    }

    /** The resource paths of the connections made so far. */
    List<String> paths() {
        return List.copyOf(paths);
    }

    /** Waits (up to a deadline) for an open connection that has been sent {@code hello}. */
    void awaitConnection(Duration timeout) {
        Waits.within(timeout).alias("the app connects over Socket Mode").until(() -> !open.isEmpty());
    }

    /** Sends {@code envelope} on every open connection. */
    void send(String envelope) {
        open.forEach(c -> c.send(envelope));
    }

    /** Waits (up to a deadline) until the app has sent a message that matches, and returns it. */
    String awaitReceived(Predicate<String> match, Duration timeout) {
        return Waits.first(this::received, match, timeout, "Socket Mode message", this::received);
    }

    List<String> received() {
        return List.copyOf(received);
    }

    void close() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
