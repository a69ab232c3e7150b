package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spyglass.testing.Accuracy;
import io.spyglass.testing.MixImages;
import io.spyglass.testing.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every cataloger together on images no one tuned Spyglass for: the seeded mixes of real Debian,
 * npm and Maven packages that {@code ../shared/corpus/build-mix-image.sh} builds, with ground truth
 * read off the final filesystem by each ecosystem's own tool. Recall and precision must reach
 * {@value #THRESHOLD} in every ecosystem the image has packages of.
 *
 * <p>Images: the folders {@code $SPYGLASS_CORPUS/mix*} ({@code scripts/test} builds one), or those
 * named by {@code -Dspyglass.mix=DIR[,DIR…]}. Skipped, with the reason, when there are none.
 */
class MixImageAccuracyTest {
    static final double THRESHOLD = 0.995;

    private static List<Path> images() {
        return MixImages.all();
    }

    @TestFactory
    Stream<DynamicTest> everyEcosystemOfEveryMixImageIsFoundAndNothingElse() {
        List<Path> dirs = images();
        if (dirs.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("no mix image", () -> assumeTrue(false,
                    "no mix image under " + SharedData.corpusRoot() + "/mix* (build one with ../shared/corpus/build-mix-image.sh "
                            + SharedData.corpusRoot() + "/mix ci 24, or name folders with -Dspyglass.mix=DIR,DIR)")));
        }
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.toString(), () -> {
            assumeTrue(MixImages.isBuilt(dir), "not a finished build-mix-image.sh output (.build-mix-image.done, expected.json, oci/): " + dir);
            for (Accuracy a : MixImages.measure(dir)) {
                String report = a.images().get(0) + " (" + dir + ")\n" + a.report();
                System.out.println(report);
                assertThat(a.below(THRESHOLD)).as("ecosystems below %s recall or precision in %s", THRESHOLD, report).isEmpty();
            }
        }));
    }
}
