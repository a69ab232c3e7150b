package io.spyglass.image.source;

import java.io.IOException;
import java.io.InputStream;

/** The files of an OCI image layout, wherever they are (a folder, a tar). */
interface LayoutFiles {
    /** Opens a file by its layout-relative path; NoSuchFileException when absent. */
    InputStream open(String path) throws IOException;

    boolean exists(String path);
}
