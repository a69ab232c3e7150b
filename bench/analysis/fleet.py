#!/usr/bin/env python3
"""bench/analysis/fleet.py: the synthetic fleet store of bench/analysis.sh part 2, and its advisories.

  fleet.py seed SQLITE_DB SEED_JSON
      reads the package rows (and package key rows) of the corpus images a server analysed
      (tags of benchorg/app) into SEED_JSON.
  fleet.py store SEED_JSON sqlite DB_FILE | csv DIR
      writes the fleet: IMAGES images (env FLEET_IMAGES, default 20,000) with 1-9 tags each
      (about 5, so about 100,000 tags) in 8 repositories with advanced analysis. Each image is one
      of 20 base images (the corpus OS images, 4 variants each: a variant keeps 60% of its package
      versions and bumps the others, so bases share some package versions and differ in others) plus
      application packages (the corpus mix image's non-OS packages, a varying subset per image; half
      keep their version, 40% take one of three shared bumps, 10% (FLEET_UNIQUE_APP=0.1) a version of their own).
      sqlite: inserts into the server's database; csv: one file per table for psql \\copy.
  fleet.py advisories SEED_JSON DIR COUNT FIRST
      COUNT OSV advisories (ids BENCH-FIRST…) on keys of the fleet, half OS (Debian, Alpine), half
      application ecosystems, each affecting the versions below the second bump (so some images of a
      base are affected and others not), severities from critical CVSS vectors to none.
Everything is seeded: the same input gives the same store.
"""
import csv, json, os, random, re, sqlite3, sys, time

OS_TYPES = {"deb", "apk", "rpm", "alpm"}
REPOS = 8
FIRST_REPO_ID = 1001
BASES = 20
# the share of an image's application packages at a version no other image holds (env FLEET_UNIQUE_APP)
UNIQUE_APP = float(os.environ.get("FLEET_UNIQUE_APP", "0.1"))
OS_BASES = ["bookworm", "3.20.3", "bookworm", "3.12.12", "bookworm", "3.20.3", "bookworm", "el9-sqlite", "bookworm", "rhel8-bdb-real"]


def seed(db_file, out):
    db = sqlite3.connect(db_file)
    images = {}
    for tag, digest in db.execute("SELECT tag, manifest_digest FROM tag_images ti JOIN repositories r ON r.id = ti.repository_id "
                                  "WHERE r.name = 'app' ORDER BY tag"):
        if digest in {i["digest"] for i in images.values()}:
            continue
        packages = db.execute("SELECT pkg, type, name, version, purl, locations, match_keys FROM image_packages "
                              "WHERE manifest_digest = ? ORDER BY pkg", (digest,)).fetchall()
        keys = db.execute("SELECT namespace, name, pkg, version FROM package_keys WHERE manifest_digest = ? ORDER BY pkg",
                          (digest,)).fetchall()
        if packages:
            images[tag] = {"digest": digest, "packages": packages, "keys": keys}
    json.dump(images, open(out, "w"))
    for tag, i in images.items():
        print("seed %s: %d packages, %d keys" % (tag, len(i["packages"]), len(i["keys"])), file=sys.stderr)


def bump(version, delta):
    """The version with the last number of its upstream part (before the first '-') raised by delta."""
    if delta == 0 or version is None:
        return version
    head, sep, tail = version.partition("-")
    m = list(re.finditer(r"\d+", head))
    if not m:
        return None
    last = m[-1]
    return head[:last.start()] + str(int(last.group()) + delta) + head[last.end():] + sep + tail


def parts(seed_json):
    images = json.load(open(seed_json))
    os_images = [t for t in sorted(images) if t != "mix-ci"]
    mix = images.get("mix-ci")
    bases = []
    for b in range(BASES):
        # the corpus RPM images hold a handful of packages: most bases are Debian and Alpine ones
        pick = OS_BASES[b % len(OS_BASES)]
        src = images[pick if pick in images else os_images[b % len(os_images)]]
        variant = b // len(OS_BASES) + b % len(OS_BASES)
        rnd = random.Random("base%d" % b)
        # a package's delta in this base: 0 (shared with the corpus image) for 60%, else one of three bumps
        deltas = {p[0]: (0 if variant == 0 or rnd.random() < 0.6 else 1 + (variant + p[0]) % 3)
                  for p in src["packages"] if p[1] in OS_TYPES or mix is None}
        bases.append((src, deltas))
    apps = [p for p in mix["packages"] if p[1] not in OS_TYPES] if mix else []
    app_keys = {}
    if mix:
        for k in mix["keys"]:
            app_keys.setdefault(k[2], []).append(k)
    return images, bases, apps, app_keys


def identity(type_, name, version, keys_json):
    return type_ + "|" + name + "|" + (version or "") + "|" + ("n" if version is None else "v") + "|" + (keys_json or "")


class Fleet:
    """The rows, produced table by table (generators, so 6 M rows never sit in memory twice)."""

    def __init__(self, seed_json, n_images):
        self.images, self.bases, self.apps, self.app_keys = parts(seed_json)
        self.n = n_images
        self.now = int(time.time() * 1000)
        self.versions = {}  # identity -> id
        self.version_keys = set()

    def version_id(self, type_, name, version, keys_json, keys):
        ident = identity(type_, name, version, keys_json)
        pv = self.versions.get(ident)
        if pv is None:
            pv = self.versions[ident] = (len(self.versions) + 1, type_, name, version, keys_json, ident)
            for ns, kname in keys:
                self.version_keys.add((ns, kname, pv[0]))
        return pv[0]

    def image(self, j):
        """(digest, repository id, package rows, key rows) of image j."""
        d = "sha256:%064x" % (0xf1ee7000000 + j)
        rnd = random.Random(j)
        src, deltas = self.bases[j % BASES]
        rows, keys = [], []
        src_keys = {}
        for k in src["keys"]:
            src_keys.setdefault(k[2], []).append(k)
        pkg = 0
        for p in src["packages"]:
            if p[0] not in deltas:
                continue
            rows.append((p, deltas[p[0]], src_keys.get(p[0], [])))
        for p in self.apps:
            if rnd.random() < 0.3:
                continue  # each image holds about 70% of the application packages
            r = rnd.random()
            delta = 0 if r < 0.5 else (1 + int(r * 30) % 3 if r < 1 - UNIQUE_APP else 10 + j)
            rows.append((p, delta, self.app_keys.get(p[0], [])))
        out_p, out_k = [], []
        for p, delta, pkeys in rows:
            pkg += 1
            version = bump(p[3], delta)
            if version is None:
                version = p[3]
            purl = p[4].replace(p[3], version) if p[4] and p[3] and version != p[3] else p[4]
            kv = [(k[0], k[1], bump(k[3], delta) or k[3]) for k in pkeys]
            pv = self.version_id(p[1], p[2], version, p[6], [(k[0], k[1]) for k in kv])
            out_p.append((d, pkg, p[1], p[2], version, purl, p[5], p[6], pv))
            out_k.extend((ns, name, d, pkg, v) for ns, name, v in kv)
        return d, FIRST_REPO_ID + j % REPOS, out_p, out_k, 1 + rnd.randrange(9)

    def tables(self):
        """table name -> (columns, rows); image rows first, package versions after (they fill while images are made)."""
        now = self.now
        yield "repositories", ("id", "namespace", "name", "private", "description", "image_insight", "created_at"), \
            [(FIRST_REPO_ID + r, "benchorg", "fleet%d" % r, False, "synthetic fleet", "advanced", now) for r in range(REPOS)]
        analyses, tags, tag_images = [], [], []
        packages, keys = [], []
        for j in range(self.n):
            d, repo, p, k, n_tags = self.image(j)
            analyses.append((d, repo, "done", "linux/amd64", len(p), 1, now, now, "none", now, now))
            for t in range(n_tags):
                tag = "v%d-%d" % (j, t)
                tags.append((repo, tag, d, now - (self.n - j) * 1000 - t))
                tag_images.append((repo, tag, d, d, "linux/amd64", now))
            packages.append(p)
            keys.append(k)
        yield "image_analyses", ("manifest_digest", "repository_id", "status", "platform", "package_count", "analyses", "analysed_at",
                                 "evaluated_at", "data_version", "updated_at", "first_analysed_at"), analyses
        yield "tags", ("repository_id", "name", "digest", "updated_at"), tags
        yield "tag_images", ("repository_id", "tag", "tag_digest", "manifest_digest", "platform", "pushed_at"), tag_images
        yield "image_packages", ("manifest_digest", "pkg", "type", "name", "version", "purl", "locations", "match_keys",
                                 "package_version"), (r for p in packages for r in p)
        # in primary key order: a bulk load then appends to the index instead of splitting pages all over it
        yield "package_keys", ("namespace", "name", "manifest_digest", "pkg", "version"), sorted(r for k in keys for r in k)
        yield "package_versions", ("id", "identity", "type", "name", "version", "match_keys", "private_to"), \
            ((v[0], v[5], v[1], v[2], v[3], v[4], None) for v in self.versions.values())
        yield "package_version_keys", ("namespace", "name", "package_version"), sorted(self.version_keys)


def store(seed_json, mode, target):
    fleet = Fleet(seed_json, int(os.environ.get("FLEET_IMAGES", "20000")))
    if mode == "sqlite":
        db = sqlite3.connect(target)
        # a bulk load: no journal (the store is thrown away if this fails) and a cache that holds the indexes
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -2000000")
        for table, cols, rows in fleet.tables():
            db.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join("?" * len(cols))), rows)
        db.execute("DELETE FROM id_sequences WHERE name IN ('package_versions', 'repositories')")
        db.execute("INSERT INTO id_sequences (name, next_value) VALUES ('package_versions', ?), ('repositories', ?)",
                   (len(fleet.versions), FIRST_REPO_ID + REPOS))
        db.commit()
        db.execute("PRAGMA journal_mode = WAL")
        db.close()
    else:
        os.makedirs(target, exist_ok=True)
        order = []
        for table, cols, rows in fleet.tables():
            with open(os.path.join(target, table + ".csv"), "w", newline="") as f:
                w = csv.writer(f)
                for r in rows:
                    # psql's csv format reads an unquoted empty field as NULL, a quoted one as ''
                    w.writerow(["" if v is None else ("f" if v is False else v) for v in r])
            order.append("%s (%s)" % (table, ", ".join(cols)))
        with open(os.path.join(target, "load.sql"), "w") as f:
            f.write("BEGIN;\n")
            for t in order:
                f.write("\\copy %s FROM '%s' WITH (FORMAT csv)\n" % (t, os.path.join(target, t.split(" ")[0] + ".csv")))
            f.write("DELETE FROM id_sequences WHERE name IN ('package_versions', 'repositories');\n")
            f.write("INSERT INTO id_sequences (name, next_value) VALUES ('package_versions', %d), ('repositories', %d);\n"
                    % (len(fleet.versions), FIRST_REPO_ID + REPOS))
            # as autovacuum does soon after a bulk load: statistics, and the visibility map index-only scans need
            f.write("COMMIT;\nVACUUM ANALYZE;\n")
    print("fleet: %d images, %d package versions" % (fleet.n, len(fleet.versions)), file=sys.stderr)


def osv_ecosystem(namespace):
    if namespace.startswith("debian:"):
        return "Debian:" + namespace.split(":", 1)[1]
    if namespace.startswith("alpine:"):
        return "Alpine:v" + namespace.split(":", 1)[1]
    if ":" in namespace:
        return None  # other distros: their OSV ecosystem names carry releases this bench does not map
    return namespace


SEVERITIES = [("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0.15),   # 9.8 critical
              ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 0.25),   # 7.5 high
              ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", 0.40),   # 5.4 medium
              (None, 0.20)]


def advisories(seed_json, out, count, first):
    images, bases, apps, app_keys = parts(seed_json)
    os_keys, app_keys_ = {}, {}
    for src in {id(b[0]): b[0] for b in bases}.values():
        for ns, name, _pkg, version in src["keys"]:
            if osv_ecosystem(ns) and bump(version, 2):
                os_keys.setdefault((ns, name), version)
    app_pkgs = {p[0] for p in apps}
    for pkg, ks in app_keys.items():
        if pkg in app_pkgs:
            for ns, name, _pkg, version in ks:
                # Go's stdlib versions (go1.x) are not module versions an OSV range may hold
                if osv_ecosystem(ns) and bump(version, 2) and name != "stdlib":
                    app_keys_.setdefault((ns, name), version)
    rnd = random.Random("advisories%d" % first)
    pools = [sorted(os_keys.items()), sorted(app_keys_.items())]
    for pool in pools:
        rnd.shuffle(pool)
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        pool = pools[n % 2] or pools[(n + 1) % 2]
        (ns, name), version = pool[(n // 2) % len(pool)]
        r, acc, vector = rnd.random(), 0.0, None
        for v, p in SEVERITIES:
            acc += p
            if r < acc:
                vector = v
                break
        i = first + n
        adv = {"id": "BENCH-%05d" % i, "modified": "2026-01-01T00:00:00Z", "published": "2026-01-01T00:00:00Z",
               "aliases": ["CVE-2099-%05d" % i], "summary": "bench advisory %d" % i,
               "affected": [{"package": {"ecosystem": osv_ecosystem(ns), "name": name},
                             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": bump(version, 2)}]}]}]}
        if vector:
            adv["severity"] = [{"type": "CVSS_V3", "score": vector}]
        json.dump(adv, open(os.path.join(out, "BENCH-%05d.json" % i), "w"))
    print("advisories: %d (OS keys %d, application keys %d)" % (count, len(pools[0]), len(pools[1])), file=sys.stderr)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "seed":
        seed(sys.argv[2], sys.argv[3])
    elif cmd == "store":
        store(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "advisories":
        advisories(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit("fleet.py: unknown command %s (seed, store, advisories)" % cmd)
