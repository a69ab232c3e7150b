package io.spyglass.server.store.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
    @Test
    void parsesBucketEndpointRegionAndPrefix() {
        S3Config c = S3Config.parse(URI.create("s3://blobs?endpoint=http://127.0.0.1:9000&region=eu-west-1&prefix=/spyglass/prod/"));
        assertThat(c).isEqualTo(new S3Config("blobs", URI.create("http://127.0.0.1:9000"), "eu-west-1", "spyglass/prod"));
    }

    @Test
    void defaultsToUsEast1NoEndpointAndThePathAsPrefix() {
        S3Config c = S3Config.parse(URI.create("s3://my-bucket/team/a"));
        assertThat(c).isEqualTo(new S3Config("my-bucket", null, "us-east-1", "team/a"));
    }

    @Test
    void badUrisAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> S3Config.parse(URI.create("gs://bucket"))).hasMessageContaining("not an s3://");
        assertThatThrownBy(() -> S3Config.parse(URI.create("s3:///nobucket"))).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Config.parse(URI.create("s3://Bad_Bucket!"))).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Config.parse(URI.create("s3://bkt?endpoint=ftp://x")))
                .hasMessageContaining("endpoint must be an http(s) URL");
        assertThatThrownBy(() -> S3Config.parse(URI.create("s3://bkt?regoin=x"))).hasMessageContaining("unknown S3 blob store parameter 'regoin'");
    }
}
