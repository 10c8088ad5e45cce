package dev.autocentric.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The runtime interface client's JNI library, unpacked once per RIC folder. Left to itself the
 * RIC copies the library to the fixed path {@code /tmp/.libaws-lambda-jni.so} at every start
 * (fine on Lambda, where each sandbox has its own /tmp); JVMs starting side by side on one machine
 * then overwrite a library another is loading, and die of SIGBUS. Every function JVM is instead
 * pointed at one finished copy through the RIC's own system property.
 */
final class NativeClientLibrary {
    /** The property the RIC reads before falling back to unpacking the library itself. */
    static final String PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final Map<Path, Path> UNPACKED = new ConcurrentHashMap<>();

    private NativeClientLibrary() {
    }

    /** The unpacked library for this machine's architecture and C library. */
    static Path in(Path ricDirectory) {
        return UNPACKED.computeIfAbsent(ricDirectory.toAbsolutePath().normalize(), NativeClientLibrary::unpack);
    }

    private static Path unpack(Path ricDirectory) {
        String name = "libaws-lambda-jni." + platform() + ".so";
        Path target = ricDirectory.resolve("native").resolve(name);
        try (Stream<Path> jars = Files.list(ricDirectory)) {
            Path ric = jars.filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no RIC jar in " + ricDirectory));
            try (JarFile jar = new JarFile(ric.toFile())) {
                var entry = jar.getJarEntry("jni/" + name);
                if (entry == null) {
                    throw new IllegalStateException(ric.getFileName() + " has no jni/" + name);
                }
                if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
                    return target;
                }
                Files.createDirectories(target.getParent());
                Path part = Files.createTempFile(target.getParent(), name, ".part");
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                // a rename never changes a file another JVM has already mapped
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the RIC's native library", e);
        }
    }

    private static String platform() {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
        boolean musl;
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            musl = false;
        }
        return (musl ? "linux_musl-" : "linux-") + arch;
    }
}
