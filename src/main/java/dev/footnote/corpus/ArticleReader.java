package dev.footnote.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an article file into lines. UTF-8 first; bytes that are not valid UTF-8 are read as Windows-1252
 * (the usual culprit for text saved on Windows), so a stray byte never makes a file unreadable.
 */
public final class ArticleReader {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public Article read(Path path, String name) throws IOException {
        return parse(name, Files.readAllBytes(path));
    }

    public Article parse(String name, byte[] bytes) {
        int bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        String charset = "UTF-8";
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
        } catch (CharacterCodingException e) {
            charset = "windows-1252";
            text = new String(bytes, bom, bytes.length - bom, WINDOWS_1252);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Article(name, splitLines(text), sha256(bytes), charset);
    }

    /** Splits on \n, \r\n and lone \r, the way editors number lines; a final terminator adds no line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < n) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
