package dev.footnote.corpus;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A child process for {@link DocumentExtractor} that behaves like a parser gone wrong for some files: it never
 * answers for a file whose name starts with "hang" and dies at once for one that starts with "crash". Every other
 * file is parsed for real, as {@link ExtractionWorker} does.
 */
public final class StandInWorker {

    private StandInWorker() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        java.io.PrintStream replies = System.out;
        System.setOut(System.err); // as the real worker: what parsers print must not garble the replies
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
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.startsWith("hang")) {
                Thread.sleep(Long.MAX_VALUE);
            }
            if (base.startsWith("crash")) {
                Runtime.getRuntime().halt(7);
            }
            try {
                ExtractionWorker.write(out, parser.parse(name, bytes));
            } catch (ExtractionException e) {
                out.writeBoolean(false);
                byte[] b = e.getMessage().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
            out.flush();
        }
    }
}
