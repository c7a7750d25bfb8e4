package dev.footnote.corpus;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The child process that parses documents for {@link DocumentExtractor}: it reads requests (a name and the file's
 * bytes) on standard input and writes each document's lines and origins, or why it could not be read, on standard
 * output, until its input ends. Standard output belongs to these replies alone, so whatever a parser prints goes
 * to standard error.
 */
public final class ExtractionWorker {

    /** No reply holds more lines or longer strings than this: more means the reply is garbled. */
    private static final int MAX_REPLY = 256 * 1024 * 1024;

    private ExtractionWorker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream replies = System.out;
        System.setOut(System.err);
        DocumentParser parser = new DocumentParser(Integer.parseInt(args[0]));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(replies));
        while (true) {
            String name;
            byte[] bytes;
            try {
                name = in.readUTF();
                bytes = new byte[in.readInt()];
                in.readFully(bytes);
            } catch (EOFException e) {
                return;
            }
            try {
                write(out, parser.parse(name, bytes));
            } catch (ExtractionException e) {
                out.writeBoolean(false);
                writeString(out, e.getMessage());
            }
            out.flush();
        }
    }

    static void write(DataOutputStream out, ExtractedDocument doc) throws IOException {
        out.writeBoolean(true);
        writeString(out, doc.format());
        writeString(out, doc.title());
        writeString(out, doc.note());
        out.writeInt(doc.lines().size());
        for (int i = 0; i < doc.lines().size(); i++) {
            writeString(out, doc.lines().get(i));
            Origin o = doc.origins().get(i);
            out.writeInt(o.page());
            out.writeInt(o.pageLine());
            out.writeInt(o.sourceLine());
            out.writeInt(o.paragraph());
            out.writeInt(o.chapter());
        }
    }

    /** A reply: the document, or an {@link ExtractionException} with the worker's reason. */
    static ExtractedDocument read(DataInputStream in) throws IOException, ExtractionException {
        if (!in.readBoolean()) {
            throw new ExtractionException(readString(in));
        }
        String format = readString(in);
        String title = readString(in);
        String note = readString(in);
        int n = in.readInt();
        if (n < 0 || n > MAX_REPLY) {
            throw new IOException("a garbled reply from the parser process");
        }
        var lines = new java.util.ArrayList<String>(n);
        var origins = new java.util.ArrayList<Origin>(n);
        for (int i = 0; i < n; i++) {
            lines.add(readString(in));
            origins.add(new Origin(in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readInt()));
        }
        return new ExtractedDocument(format, title, lines, origins, note);
    }

    /** Strings as length and UTF-8 bytes: writeUTF stops at 64 KB, and one line of a PDF can be longer. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_REPLY) {
            // The server must not allocate what a broken child claims.
            throw new IOException("a garbled reply from the parser process");
        }
        byte[] b = new byte[length];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
