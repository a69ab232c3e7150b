package io.spyglass.advisory.source.alpine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Alpine secdb files (JSON and YAML).
 * Property: the parser is pure and total, as {@code FeedReader.FileParser} documents: any bytes
 * give a {@code Parsed} (records, and problems naming what was wrong); it never throws.
 */
@Timeout(30)
class AlpineSecdbFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void json(byte[] input) {
        new AlpineSecdbParser("alpine", null).parse("v3.18/main.json", input);
    }

    @FuzzTest(maxDuration = "5m")
    void yaml(byte[] input) {
        new AlpineSecdbParser("alpine", null).parse("v3.18/main.yaml", input);
    }
}
