package io.spyglass.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spyglass install docker-plugin}: writes {@code $DOCKER_CONFIG/cli-plugins/docker-spyglass}
 * (default {@code ~/.docker}), so that {@code docker spyglass …} runs this installation.
 */
@Command(name = "docker-plugin", description = "Install the docker CLI plugin: then `docker spyglass quickview|cves|sbom|compare IMAGE` work, "
        + "reading images from the daemon of docker's current context.")
final class InstallDockerPluginCommand implements Callable<Integer> {
    @Option(names = "--docker-config", paramLabel = "DIR", defaultValue = "${env:DOCKER_CONFIG}",
            description = "docker's configuration folder (env DOCKER_CONFIG, default ~/.docker); the plugin goes into its cli-plugins/.")
    Path dockerConfig;

    @Override
    public Integer call() throws IOException {
        Path config = dockerConfig != null ? dockerConfig : Path.of(System.getProperty("user.home"), ".docker");
        Path plugins = config.resolve("cli-plugins");
        Files.createDirectories(plugins);
        Path target = plugins.resolve(DockerPlugin.FILE_NAME);
        // written beside and moved over: a docker running the old plugin never sees half a file
        Path temp = Files.createTempFile(plugins, ".docker-spyglass", ".tmp");
        try {
            Files.writeString(temp, DockerPlugin.script(DockerPlugin.thisInstallation()), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        System.out.println("installed " + target + "; try: docker spyglass quickview IMAGE");
        return 0;
    }
}
