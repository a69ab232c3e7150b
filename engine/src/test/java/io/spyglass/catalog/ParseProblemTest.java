package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

class ParseProblemTest {

    @Test
    void aTruncatedJsonDocumentIsNamedWithItsPlaceAndWithoutJacksonsRedactedSource() {
        Exception e = catchException(() -> new ObjectMapper().readTree("{\"lockfileVersion\": 3, \"packages\": {"));
        String text = ParseProblem.describe(e);
        assertThat(text).startsWith("Unexpected end-of-input").contains("line 1, column").doesNotContain("REDACTED", "StreamReadFeature");
        assertThat(text.lines()).hasSize(1);
    }

    @Test
    void aBadTokenAndBadYamlToo() {
        assertThat(ParseProblem.describe(catchException(() -> new ObjectMapper().readTree("hello"))))
                .startsWith("Unrecognized token 'hello'").endsWith("(line 1, column 1)").doesNotContain("REDACTED");
        assertThat(ParseProblem.describe(catchException(() -> new YAMLMapper().readTree("a: [1, 2\nb: c"))))
                .doesNotContain("REDACTED").isNotBlank();
    }

    @Test
    void otherExceptionsGiveTheirFirstLine() {
        assertThat(ParseProblem.describe(new IllegalArgumentException("bad value\nmore"))).isEqualTo("bad value");
        assertThat(ParseProblem.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void anExceptionWithoutAMessageIsNamedByItsCauseOrItsKindNeverNull() {
        assertThat(ParseProblem.describe(new java.io.EOFException())).isEqualTo("unexpected end of data (cut short)");
        assertThat(ParseProblem.describe(new java.io.IOException(new java.util.zip.ZipException("invalid distance code"))))
                .isEqualTo("invalid distance code");
        assertThat(ParseProblem.describe(new java.io.UncheckedIOException(null, new java.io.EOFException())))
                .isEqualTo("unexpected end of data (cut short)");
        assertThat(ParseProblem.describe(new RuntimeException("  ", new IllegalStateException())))
                .isEqualTo("IllegalStateException");
    }
}
