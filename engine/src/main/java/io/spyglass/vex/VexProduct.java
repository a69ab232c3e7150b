package io.spyglass.vex;

import java.util.List;
import java.util.Objects;

/**
 * What a statement is about: {@code id} is an image ({@code pkg:oci/…@sha256:…} or a bare digest)
 * or a package purl; {@code subcomponents} narrow an image to the packages (purls) in it. No
 * subcomponents means the whole product.
 */
public record VexProduct(String id, List<String> subcomponents) {
    public VexProduct {
        Objects.requireNonNull(id, "id");
        subcomponents = List.copyOf(subcomponents);
    }
}
