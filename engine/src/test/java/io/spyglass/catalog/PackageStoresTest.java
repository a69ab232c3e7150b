package io.spyglass.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which folders are installed-package stores. The paths inside stores are real ones, seen in the
 * generated mix images (Debian bookworm) and in official language images; the application roots are
 * where the corpus builds (and people) put their projects.
 */
class PackageStoresTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // ruby 3.1's bundled gems ship their own development locks (libruby3.1)
            "usr/lib/ruby/gems/3.1.0/gems/rbs-2.1.0/steep/Gemfile.lock, gem",
            "usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/Gemfile.lock, gem",
            "usr/lib/ruby/gems/3.1.0/gems/typeprof-0.21.2/vscode/package-lock.json, gem",
            // official ruby image: GEM_HOME=/usr/local/bundle; bundler's vendor/bundle and git checkouts
            "usr/local/bundle/gems/nokogiri-1.16.2-x86_64-linux/Gemfile.lock, gem",
            "srv/app/vendor/bundle/ruby/3.2.0/bundler/gems/rails-8f1b2a3c4d5e/Gemfile.lock, gem",
            "usr/share/rubygems-integration/all/gems/rake-13.0.6/Gemfile.lock, gem",
            "usr/lib/ruby/vendor_ruby/rubygems/Gemfile.lock, ruby",
            "usr/lib/x86_64-linux-gnu/rubygems-integration/3.1.0/gems/x/Gemfile.lock, ruby",
            // lock files below node_modules belong to the installed package
            "usr/src/billing/node_modules/fast-uri/.github/workflows/ci.yml, npm",
            "app/node_modules/x/package-lock.json, npm",
            "app/node_modules/@scope/x/yarn.lock, npm",
            "usr/share/nodejs/popper.js/package-lock.json, debian-nodejs",
            "usr/lib/x86_64-linux-gnu/nodejs/bufferutil/package-lock.json, debian-nodejs",
            "usr/share/javascript/bootstrap4/yarn.lock, debian-nodejs",
            "usr/lib/python3/dist-packages/setuptools/_vendor/Pipfile.lock, python",
            "usr/local/lib/python3.12/site-packages/pkg/pdm.lock, python",
            "opt/venv/lib/python3.11/site-packages/x/requirements.txt, python",
            "usr/lib/python3.11/test/pdm.lock, python",
            "srv/app/vendor/symfony/console/composer.lock, composer",
            "usr/share/php/Symfony/Component/Console/composer.lock, debian-php",
            "usr/share/gocode/src/golang.org/x/text/go.mod, go",
            "root/go/pkg/mod/golang.org/x/net@v0.17.0/go.mod, go",
            "usr/local/go/src/go.mod, go",
            "usr/lib/go-1.19/src/cmd/go.mod, go",
            "root/.m2/repository/org/x/y/1.0/gradle.lockfile, maven",
            "root/.nuget/packages/newtonsoft.json/13.0.1/packages.lock.json, nuget",
            // Debian protobuf-compiler 3.21.12-3+deb12u1
            "usr/share/doc/protobuf-compiler/examples/go/go.mod, docs",
    })
    void insideAStore(String path, String store) {
        assertThat(PackageStores.storeOf(path)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(store));
        assertThat(PackageStores.contains(path)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "Gemfile.lock", "app/Gemfile.lock", "srv/app/package-lock.json", "usr/src/billing/package-lock.json",
            "var/www/tundra/yarn.lock", "srv/app/composer.lock", "opt/app/Pipfile.lock", "src/app/go.mod",
            "go/src/github.com/acme/tool/go.mod", "home/dev/gems/README/Gemfile.lock", "srv/app/gradle.lockfile",
            "src/packages.lock.json", "repo/.github/workflows/ci.yml", "srv/app/vendor/composer/installed.json",
    })
    void applicationRoots(String path) {
        assertThat(PackageStores.storeOf(path)).isEmpty();
    }
}
