package io.spyglass.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "recommendations", description = "The base image of an image on a Spyglass server, and newer base images to move to with what each fixes and adds.")
final class RecommendationsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "NS/REPO[:TAG] on the server given by --server.")
    String image;

    @Mixin ImageOptions imageOptions;

    /** An error is one line on standard error, exit code 1 (see {@link Main}). */
    @Override
    public Integer call() throws IOException {
        if (!imageOptions.onServer(image)) {
            throw new IllegalArgumentException("recommendations reads a server's stored report: name the image NS/REPO[:TAG] with --server");
        }
        new ServerBaseImage(imageOptions.server.reports().image(ServerImage.parse(image), io.spyglass.image.Platform.parse(imageOptions.platform)))
                .printRecommendations(System.out);
        return 0;
    }
}
