package dev.autocentric.local;

import dev.autocentric.local.seed.DemoSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * What {@code make run} adds to a bare runtime: an operator token (written to
 * {@code <state>/admin-token}, its SHA-256 passed as the template's AdminTokenSha256) and, with
 * {@code --seed demo}, the demo marketplace loaded through the API once everything is up
 * ({@code <state>/demo-dealers.json} lists its dealers and their credentials).
 */
final class LocalDemo {
    static final String ADMIN_TOKEN_PARAMETER = "AdminTokenSha256";
    static final long DEMO_SEED = 20010205L; // AutoCentric was announced in February 2001

    private LocalDemo() {
    }

    static void prepare(Options options) throws IOException {
        Path state = options.stateDirectory();
        Files.createDirectories(state);
        Path dealersFile = state.resolve("demo-dealers.json");
        Files.deleteIfExists(dealersFile); // credentials of an earlier run are void in a fresh emulator
        String adminToken = null;
        if (!options.parameterOverrides().containsKey(ADMIN_TOKEN_PARAMETER)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            adminToken = HexFormat.of().formatHex(secret);
            Path tokenFile = state.resolve("admin-token");
            Files.deleteIfExists(tokenFile);
            Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tokenFile, adminToken + "\n");
            options.parameter(ADMIN_TOKEN_PARAMETER, sha256Hex(adminToken));
        }
        switch (options.seed()) {
            case "none" -> { }
            case "demo", "demo-small" -> {
                if (adminToken == null) {
                    throw new IllegalArgumentException("--seed demo enrols dealers with the operator token it makes itself;"
                            + " leave AdminTokenSha256 out or use --seed none");
                }
                String token = adminToken;
                DemoSeed.Size size = options.seed().equals("demo") ? DemoSeed.Size.DEFAULT : DemoSeed.Size.SMALL;
                options.afterStart(runtime -> {
                    System.out.println("local runtime: loading the demo marketplace through the API ...");
                    DemoSeed.Result r = new DemoSeed(runtime.httpEndpoint(), token)
                            .load(DEMO_SEED, size, dealersFile);
                    System.out.printf("local runtime: %d dealers, %d vehicles stored (%d rejected) in %.1f s; credentials in %s%n",
                            r.dealers(), r.vehiclesStored(), r.vehiclesRejected(), r.took().toMillis() / 1000.0, dealersFile);
                });
            }
            default -> throw new IllegalArgumentException("--seed must be demo, demo-small or none, not " + options.seed());
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
