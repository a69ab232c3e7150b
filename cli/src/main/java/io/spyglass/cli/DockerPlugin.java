package io.spyglass.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The docker CLI plugin {@code docker-spyglass}: a bash script that speaks docker's plugin
 * protocol and runs this Spyglass installation.
 *
 * <p>docker asks {@code docker-spyglass docker-cli-plugin-metadata} for the JSON it lists in its
 * help, and runs {@code docker [global options] spyglass ARGS} as {@code docker-spyglass [global
 * options] spyglass ARGS}, with {@code DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND} naming itself. The
 * global options ({@code -H}, {@code --context}) and the current context (config.json, or
 * {@code DOCKER_CONTEXT}) are not resolved for the plugin: the script asks that same docker
 * {@code context inspect} for the endpoint, and hands it to Spyglass as {@code DOCKER_HOST}.
 */
final class DockerPlugin {
    static final String FILE_NAME = "docker-spyglass";

    private DockerPlugin() {}

    /**
     * The command that runs this installation, as absolute words: the {@code spyglass} launcher when
     * we were started through it (it rebuilds a changed checkout), else this JVM with this classpath.
     */
    static List<String> thisInstallation() {
        String launcher = System.getenv("SPYGLASS_LAUNCHER");
        if (launcher != null && Files.isExecutable(Path.of(launcher))) return List.of(Path.of(launcher).toAbsolutePath().toString());
        String javaCommand = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .map(p -> Path.of(p).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        return List.of(javaCommand, "-cp", classpath, Main.class.getName());
    }

    static String metadata() {
        return "{\"SchemaVersion\":\"0.1.0\",\"Vendor\":\"Spyglass\",\"Version\":\"" + Main.VERSION + "\","
                + "\"ShortDescription\":\"Spyglass: SBOM and vulnerabilities of images (quickview, cves, sbom, compare)\"}";
    }

    static String script(List<String> command) {
        List<String> quoted = new ArrayList<>();
        for (String word : command) quoted.add(quote(word));
        return """
                #!/usr/bin/env bash
                # docker-spyglass: docker CLI plugin written by `spyglass install docker-plugin`; run it again to update.
                # docker runs `docker-spyglass docker-cli-plugin-metadata` to list it, and
                # `docker-spyglass [docker's global options] spyglass ARGS` for `docker [options] spyglass ARGS`.
                set -euo pipefail
                if [ "${1:-}" = docker-cli-plugin-metadata ]; then
                  printf '%%s\\n' %s
                  exit 0
                fi
                globals=()
                while [ $# -gt 0 ] && [ "$1" != spyglass ]; do
                  case "$1" in
                    -H|--host|-c|--context|--config|-l|--log-level|--tlscacert|--tlscert|--tlskey)
                      globals+=("$1" "${2:-}"); shift; [ $# -gt 0 ] && shift ;;
                    *) globals+=("$1"); shift ;;
                  esac
                done
                [ $# -gt 0 ] && shift
                # the daemon this docker talks to: its -H, DOCKER_HOST, --context or current context, as docker resolves them
                docker_cli=${DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND:-docker}
                if host=$("$docker_cli" ${globals[@]+"${globals[@]}"} context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null) \\
                    && [ -n "$host" ]; then
                  export DOCKER_HOST="$host"
                fi
                # inside docker a bare IMAGE is that daemon's (else the registry's); a server's report needs --server
                unset SPYGLASS_SERVER
                exec %s "$@"
                """.formatted(quote(metadata()), String.join(" ", quoted));
    }

    /** A word in single quotes for bash; a single quote inside is closed, escaped and reopened. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
