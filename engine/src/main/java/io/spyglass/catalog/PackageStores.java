package io.spyglass.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where installed packages live, per ecosystem, so that a lock file or manifest found there is
 * recognised as part of an installed package rather than as an application's own.
 *
 * <p>The rule (issue 15): <b>lockfiles and manifests inside installed packages are not installed
 * packages</b>. Gems, npm packages, Python distributions, Debian's packaged modules… ship their own
 * development files: ruby's bundled {@code rbs} gem has {@code steep/Gemfile.lock}, {@code typeprof}
 * a VS Code extension's {@code package-lock.json}, a {@code golang-*-dev} package its {@code go.mod}.
 * None of those was installed; what was installed is already described by the store's own metadata
 * (gemspecs, {@code .dist-info}, {@code node_modules/*}/package.json, {@code installed.json},
 * {@code deps.json}, {@code pom.properties}, Go build info). So every cataloger that reads a lock file
 * or manifest asks {@link #contains} first; a lock file counts only for an application root outside
 * every store ({@code /srv/app/package-lock.json}, {@code /app/Gemfile.lock}). Jars need no entry:
 * only the Java cataloger looks inside them, and only for pom.properties and MANIFEST.MF.
 *
 * <p>Each store is a pattern over the file's folder ({@code /}-delimited, leading and trailing slash),
 * so a file directly at an application root never matches.
 */
public final class PackageStores {

    /** One kind of place where a package manager or a distribution installs packages. */
    public record Store(String name, Pattern folder) {
        public Store {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(folder, "folder");
        }
    }

    private static final String MULTIARCH = "[a-z0-9_]+-linux-[a-z0-9_]+";

    /**
     * Debian's node module roots, image-relative without slashes: {@code usr/share/nodejs},
     * {@code usr/lib/nodejs} and {@code usr/lib/<multiarch triplet>/nodejs}.
     */
    public static final String DEBIAN_NODE_ROOT = "usr/(share|lib)/nodejs|usr/lib/" + MULTIARCH + "/nodejs";

    private static final List<Store> STORES = List.of(
            // RubyGems: GEM_HOME/gems/NAME-VERSION/ (system, bundled, vendor/bundle, /usr/local/bundle)
            // and Bundler's git checkouts GEM_HOME/bundler/gems/NAME-REVISION/
            store("gem", "/gems/[^/]+-[0-9][^/]*/"),
            // Ruby's own library tree: stdlib, default gems, Debian's vendor_ruby and gem2deb specs
            store("ruby", "^/usr/(local/)?lib/ruby/|^/usr/share/rubygems-integration/|^/usr/lib/" + MULTIARCH
                    + "/(ruby|rubygems-integration)/|^/usr/share/ruby[^/]*/"),
            // npm: anything below node_modules is an installed package (or npm's own .package-lock.json)
            store("npm", "/node_modules/"),
            // Debian's packaged node modules (node-* packages) and browser libraries (libjs-*)
            store("debian-nodejs", "^/(" + DEBIAN_NODE_ROOT + ")/|^/usr/share/javascript/"),
            // Python: pip/Debian install trees and the interpreter's own library
            store("python", "/(site|dist)-packages/|^/usr/(local/)?lib/python[23][^/]*/"),
            // Composer: vendor/VENDOR/NAME/ is an installed package (vendor/composer/ is Composer's own)
            store("composer", "/vendor/(?!composer/)[^/]+/[^/]+/"),
            // Debian's packaged PHP libraries (php-* packages) and PEAR
            store("debian-php", "^/usr/share/(php|pear)/"),
            // Go: the module cache, Debian's golang-*-dev sources, a Go toolchain's own source tree
            store("go", "/pkg/mod/|^/usr/share/gocode/|^/usr/lib/go(-[0-9][^/]*)?/|^/usr/local/go/"),
            // Maven and Gradle caches, Debian's Maven repository
            store("maven", "/\\.m2/repository/|/\\.gradle/caches/|^/usr/share/maven-repo/"),
            // NuGet's global packages folder
            store("nuget", "/\\.nuget/packages/"),
            // a distribution package's documentation: protobuf-compiler ships examples/go/go.mod
            store("docs", "^/usr/(local/)?share/doc/"));

    private PackageStores() {}

    private static Store store(String name, String regex) {
        return new Store(name, Pattern.compile(regex));
    }

    /** True when the file at {@code path} (image-relative) lies inside an installed-package store. */
    public static boolean contains(String path) {
        return storeOf(path).isPresent();
    }

    /** The store holding the file at {@code path}, if any. */
    public static Optional<Store> storeOf(String path) {
        String folder = folder(path);
        return STORES.stream().filter(s -> s.folder().matcher(folder).find()).findFirst();
    }

    /** {@code a/b/c.lock} → {@code /a/b/}; {@code c.lock} → {@code /}. */
    static String folder(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.substring(0, p.lastIndexOf('/') + 1);
    }
}
