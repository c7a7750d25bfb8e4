package dev.footnote.embed;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * ONNX Runtime's native libraries, copied out of its jar into a folder of ours and named to the runtime with
 * {@code onnxruntime.native.path}. Left to itself, the runtime (1.20) unpacks them at every start into a new
 * {@code onnxruntime-java*} folder in the system temp folder, and since it asks for that folder to be deleted on
 * exit before the files in it, the folder stays behind. Given the path it unpacks nothing: it still makes the
 * temp folder, but an empty one, which is deleted on exit.
 */
final class OnnxNatives {

    static final String PATH_PROPERTY = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");

    private OnnxNatives() {
    }

    /**
     * Puts the libraries under {@code parent}, in a folder named after the runtime's version (so an upgrade never
     * loads old ones), unless they are there already, and points the runtime at them. Must run before anything
     * loads the runtime. Where the platform or the version is unknown, the runtime unpacks them itself as before.
     */
    static void install(Path parent) {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return; // whoever set it chose where the libraries are
        }
        String platform = platform();
        String version = OrtEnvironment.class.getPackage().getImplementationVersion();
        if (platform == null || version == null) {
            return;
        }
        Path dir = parent.resolve("onnxruntime-" + version);
        try {
            Files.createDirectories(dir);
            for (String library : LIBRARIES) {
                String file = System.mapLibraryName(library);
                Path target = dir.resolve(file);
                if (Files.isRegularFile(target)) {
                    continue;
                }
                try (InputStream in = OrtEnvironment.class
                        .getResourceAsStream("/ai/onnxruntime/native/" + platform + "/" + file)) {
                    if (in == null) {
                        return;
                    }
                    // Written aside and moved into place, so another process starting at once never loads half a file.
                    Path part = Files.createTempFile(dir, file, ".part");
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the ONNX Runtime libraries into " + dir, e);
        }
        System.setProperty(PATH_PROPERTY, dir.toString());
    }

    /** The runtime's name for this platform's folder in its jar, e.g. {@code linux-x64}, or null. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") || os.contains("darwin")
                ? "osx"
                : os.contains("win")
                        ? "win"
                        : os.contains("nux") ? "linux" : null;
        String a = arch.startsWith("amd64") || arch.startsWith("x86_64")
                ? "x64"
                : arch.startsWith("x86")
                        ? "x86"
                        : arch.startsWith("aarch64")
                                ? "aarch64"
                                : arch.startsWith("ppc64") ? "ppc64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }
}
