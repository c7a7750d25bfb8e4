package dev.footnote.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The API keys a server accepts. Keys are kept only as SHA-256 digests and compared with
 * {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ; every configured key is
 * compared, so the time does not say which one nearly matched either. A key is never logged: clients are named
 * by the key's position ({@code key#2}).
 */
public final class ApiKeys {

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = List.copyOf(digests);
    }

    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    /**
     * Keys from a comma- or whitespace-separated list and from a file (one a line, {@code #} comments), either
     * of which may be null. A key must be at least 16 characters: shorter ones are guessable.
     */
    public static ApiKeys of(String list, Path file) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        if (list != null) {
            for (String k : list.split("[,\\s]+", -1)) {
                if (!k.isBlank()) {
                    keys.add(k.strip());
                }
            }
        }
        if (file != null) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String k = line.strip();
                if (!k.isEmpty() && !k.startsWith("#")) {
                    keys.add(k);
                }
            }
        }
        List<byte[]> digests = new ArrayList<>();
        int n = 0;
        for (String k : keys) {
            n++;
            if (k.length() < 16) {
                throw new IllegalArgumentException("API key #" + n + " is shorter than 16 characters");
            }
            digests.add(sha256(k));
        }
        return new ApiKeys(digests);
    }

    public boolean enabled() {
        return !digests.isEmpty();
    }

    public int size() {
        return digests.size();
    }

    /**
     * Which key an {@code Authorization} header carries: its 1-based position, or 0 when the header is missing,
     * not {@code Bearer}, or carries no configured key.
     */
    public int match(String authorization) {
        if (authorization == null || authorization.length() > 1024) {
            return 0;
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return 0;
        }
        byte[] presented = sha256(a.substring(7).strip());
        int found = 0;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented) && found == 0) {
                found = i + 1;
            }
        }
        return found;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
