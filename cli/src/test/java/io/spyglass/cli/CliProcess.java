package io.spyglass.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as its own process, with an environment of the test's choosing (DOCKER_HOST,
 * SPYGLASS_SERVER, …), as a user's shell would: the in-process {@link CliRun} cannot change env.
 */
record CliProcess(int exitCode, String out, String err) {

    /** The command that starts this CLI: this JVM with the test classpath. */
    static List<String> command() {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    static CliProcess run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command());
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    /** Runs any command (docker, setpriv …) with {@code env} added to this process's environment. */
    static CliProcess exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli-out", ".txt");
        Path err = Files.createTempFile("cli-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().remove("SPYGLASS_SERVER");
            pb.environment().remove("DOCKER_HOST");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new CliProcess(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
