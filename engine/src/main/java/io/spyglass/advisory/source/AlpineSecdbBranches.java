package io.spyglass.advisory.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alpine's secdb folder: every branch its index lists ({@code v3.N/}, {@code edge/}), so a new
 * release is picked up without a code change, each with {@code main.json} and {@code community.json}
 * (the oldest branches have no community file: a 404 there is fine).
 */
final class AlpineSecdbBranches implements FeedFetch {
    private static final Pattern BRANCH = Pattern.compile("href=\"(v\\d+\\.\\d+|edge)/\"");

    private final FeedDownloader downloader;
    private final FeedState state;
    private final URI index;

    AlpineSecdbBranches(FeedDownloader downloader, FeedState state, URI index) {
        this.downloader = downloader;
        this.state = state;
        this.index = index;
    }

    @Override
    public FeedBatch fetch(Path dir) throws FeedDownloader.UnreachableException, FeedDownloader.ChecksumException {
        String html = downloader.text(index, dir.resolve("index.html.part"));
        if (html == null) throw new FeedDownloader.UnreachableException(index + " answered HTTP 404", null);
        List<String> branches = branches(html);
        if (branches.isEmpty()) throw new FeedDownloader.UnreachableException(index + " lists no secdb branch (v3.N/ or edge/)", null);
        List<URI> urls = new ArrayList<>();
        Set<URI> optional = new HashSet<>();
        for (String b : branches) {
            urls.add(index.resolve(b + "/main.json"));
            URI community = index.resolve(b + "/community.json");
            urls.add(community);
            optional.add(community);
        }
        return new FeedFiles(downloader, state, urls, optional).fetch(dir);
    }

    /** The branches an index page links, oldest first, edge last. */
    static List<String> branches(String html) {
        Set<String> found = new TreeSet<>(Comparator.comparing(AlpineSecdbBranches::order));
        Matcher m = BRANCH.matcher(html);
        while (m.find()) found.add(m.group(1));
        return List.copyOf(found);
    }

    private static String order(String branch) {
        if (branch.equals("edge")) return "~";
        String[] p = branch.substring(1).split("\\.");
        return String.format("%05d.%05d", Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }
}
