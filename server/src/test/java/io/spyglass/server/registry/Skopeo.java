package io.spyglass.server.registry;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real skopeo client against the test server (plain HTTP, credentials in an auth file). */
public final class Skopeo {
    private Skopeo() {}

    public record Result(int exit, String output) {}

    public static void assumeInstalled() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "skopeo"))) found = true;
        }
        assumeTrue(found, "skopeo is not installed (scripts/test installs it)");
    }

    /** An auth file for {@code host} with user:password, readable by us only. */
    public static Path authFile(Path dir, String host, String user, String password) throws IOException {
        Path f = Files.createTempFile(dir, "auth", ".json", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Files.writeString(f, "{\"auths\":{\"" + host + "\":{\"auth\":\"" + auth + "\"}}}");
        return f;
    }

    public static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("skopeo");
        cmd.add("--tmpdir=" + workDir);
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "skopeo", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("skopeo timed out: " + String.join(" ", args));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** skopeo copy SRC docker://DEST with optional credentials; returns the pushed manifest digest. */
    public static String push(Path workDir, String src, String dest, Path authFile) throws IOException, InterruptedException {
        Path digest = workDir.resolve("digest-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("copy", "--retry-times", "0", "--dest-tls-verify=false", "--digestfile", digest.toString()));
        if (authFile != null) args.addAll(List.of("--dest-authfile", authFile.toString()));
        args.add(src);
        args.add("docker://" + dest);
        Result r = run(workDir, args.toArray(String[]::new));
        if (r.exit() != 0) throw new AssertionError("skopeo push " + src + " -> " + dest + " failed:\n" + r.output());
        return Files.readString(digest).trim();
    }

    /** skopeo copy docker://SRC dir:OUT with optional credentials. */
    public static Result pull(Path workDir, String src, Path out, Path authFile) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("copy", "--retry-times", "0", "--src-tls-verify=false"));
        if (authFile != null) args.addAll(List.of("--src-authfile", authFile.toString()));
        args.add("docker://" + src);
        args.add("dir:" + out);
        return run(workDir, args.toArray(String[]::new));
    }
}
