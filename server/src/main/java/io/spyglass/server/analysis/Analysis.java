package io.spyglass.server.analysis;

import io.spyglass.server.analysis.advisory.AdvisoryState;
import io.spyglass.server.analysis.advisory.IndexRefresher;
import io.spyglass.server.analysis.advisory.SqlAdvisoryStore;
import io.spyglass.server.analysis.image.ImageAnalyser;
import io.spyglass.server.analysis.policy.ImagePolicies;
import io.spyglass.server.analysis.job.AnalysisJobs;
import io.spyglass.server.analysis.job.JobObserver;
import io.spyglass.server.analysis.job.JobQueue;
import io.spyglass.server.analysis.job.WorkSignal;
import io.spyglass.server.analysis.job.Worker;
import io.spyglass.server.analysis.reevaluation.Reevaluator;
import io.spyglass.server.analysis.report.Reports;
import io.spyglass.server.webhook.EventDispatcher;
import io.spyglass.server.webhook.Webhooks;
import io.spyglass.advisory.AdvisoryIndex;
import io.spyglass.server.hub.Hub;
import io.spyglass.server.store.Database;
import io.spyglass.server.webhook.WebhookAddressPolicy;
import io.spyglass.server.webhook.WebhookTargets;
import io.spyglass.server.store.blob.BlobStore;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analysis part of a node: the event dispatcher, the workers, the advisory index, and the
 * services the API and pages use ({@link #reports()}, {@link #insight()}).
 */
public final class Analysis implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Analysis.class);

    private final Database db;
    private final AnalysisConfig config;
    private final AtomicLong layerReads = new AtomicLong();
    private final AdvisoryState advisories = new AdvisoryState();
    private final EventDispatcher dispatcher;
    private final JobQueue queue;
    private final Reports reports;
    private final ImagePolicies policies;
    private final ImageInsight insight;
    private final io.spyglass.server.analysis.attestation.Attestations attestations;
    private final List<Worker> workers = new ArrayList<>();
    private final ScheduledExecutorService scheduler;
    private final List<Thread> threads = new ArrayList<>();
    private final SqlAdvisoryStore advisoryStore;
    private final IndexRefresher refresher;
    private final Webhooks webhooks;
    private final WorkSignal signal = new WorkSignal();

    private Analysis(Database db, Hub hub, BlobStore blobs, AnalysisConfig config, JobObserver observer, WebhookAddressPolicy webhookPolicy) {
        this.db = db;
        this.config = config;
        this.queue = new JobQueue(db, config.maxAttempts());
        this.dispatcher = new EventDispatcher(db, new TagImages(blobs));
        this.policies = new ImagePolicies(db, blobs, () -> advisories.get().index());
        this.reports = new Reports(db, hub, () -> advisories.get().index(), policies);
        this.insight = new ImageInsight(hub, dispatcher);
        // several nodes may share a JVM in tests: the JVM name alone would not tell them apart
        String node = ManagementFactory.getRuntimeMXBean().getName() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        ImageAnalyser analyser = new ImageAnalyser(db, blobs, advisories, layerReads, policies);
        var indexAttestations = new io.spyglass.server.analysis.attestation.IndexAttestations(db, blobs);
        this.attestations = new io.spyglass.server.analysis.attestation.Attestations(db);
        this.advisoryStore = new SqlAdvisoryStore(db);
        this.refresher = new IndexRefresher(advisoryStore, advisories);
        Reevaluator reevaluator = new Reevaluator(db, advisories, advisoryStore, refresher::refresh, policies);
        this.webhooks = new Webhooks(db, hub, new WebhookTargets(webhookPolicy));
        Map<String, Worker.Handler> handlers = Map.of(
                AnalysisJobs.WEBHOOK, job -> webhooks.deliver(Long.parseLong(job.payload())),
                AnalysisJobs.ANALYSE, job -> analyser.analyse(job.payload()),
                AnalysisJobs.POLICIES, job -> policies.evaluateAgain(List.of(job.payload().split(","))),
                AnalysisJobs.ATTESTATIONS, job -> io.spyglass.server.analysis.attestation.AttestedImages.apply(db, policies, indexAttestations.read(job.payload())),
                AnalysisJobs.REEVALUATE, job -> {
                    if (job.payload().equals("all")) reevaluator.reevaluateAll();
                    else reevaluator.reevaluate(java.util.Arrays.stream(job.payload().split(",")).map(Long::parseLong).toList());
                });
        for (int i = 0; i < config.workers(); i++) workers.add(new Worker(node + "-w" + i, queue, config, handlers, db, signal, observer));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> Worker.daemon(r, "spyglass-dispatch"));
    }

    public static Analysis start(Database db, Hub hub, BlobStore blobs, AnalysisConfig config) {
        return start(db, hub, blobs, config, JobObserver.NONE, new WebhookAddressPolicy(false));
    }

    /** The same, telling {@code observer} how each job run on this node ended. */
    public static Analysis start(Database db, Hub hub, BlobStore blobs, AnalysisConfig config, JobObserver observer) {
        return start(db, hub, blobs, config, observer, new WebhookAddressPolicy(false));
    }

    /** As above, with webhook targets checked by {@code webhookPolicy}. */
    public static Analysis start(Database db, Hub hub, BlobStore blobs, AnalysisConfig config, WebhookAddressPolicy webhookPolicy) {
        return start(db, hub, blobs, config, JobObserver.NONE, webhookPolicy);
    }

    /** Both: job outcomes told to {@code observer}, webhook targets checked by {@code webhookPolicy}. */
    public static Analysis start(Database db, Hub hub, BlobStore blobs, AnalysisConfig config, JobObserver observer,
            WebhookAddressPolicy webhookPolicy) {
        Analysis a = new Analysis(db, hub, blobs, config, observer, webhookPolicy);
        a.refresher.refresh();
        // the first push on a fresh node should not pay for class loading and a cold JIT
        io.spyglass.server.analysis.image.ColdStartWarmUp.startInBackground(() -> a.advisories.get().index());
        a.scheduler.scheduleWithFixedDelay(a::dispatchQuietly, 0, config.pollMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < a.workers.size(); i++) {
            Thread t = Worker.daemon(a.workers.get(i), "spyglass-worker-" + i);
            a.threads.add(t);
            t.start();
        }
        return a;
    }

    private void dispatchQuietly() {
        try {
            refresher.refresh();
        } catch (RuntimeException e) {
            log.warn("advisory index refresh failed, will retry: {}", e.toString());
        }
        try {
            int dispatched = 0;
            for (int n; (n = dispatcher.dispatch()) > 0; ) dispatched += n; // drain the backlog before sleeping
            if (dispatched > 0) signal.signal();
        } catch (RuntimeException e) {
            log.warn("event dispatch failed, will retry: {}", e.toString());
        }
    }

    /**
     * Something was just written that may mean work (a tag pushed on this node): dispatch events
     * now and wake the idle workers instead of waiting for the next poll. Never blocks the caller.
     */
    public void nudge() {
        try {
            scheduler.execute(this::dispatchQuietly);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: nothing to wake
        }
    }

    /** The advisory data in this server's database ({@code spyglass db import --db-url} writes here too). */
    public SqlAdvisoryStore advisoryStore() {
        return advisoryStore;
    }

    /**
     * Queues a re-match of every stored SBOM against the current advisory data ({@code spyglass
     * admin reevaluate --all}); a running node takes the job. No layer is read.
     */
    public static void requestFullReevaluation(Database db) {
        db.inTransaction(h -> JobQueue.enqueue(h, AnalysisJobs.REEVALUATE, AnalysisJobs.REEVALUATE + ":all:" + Database.now(), "all"));
    }

    /** Webhooks per repository and their delivery history. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** This node's current advisory index, swapped whole when advisory data changes. */
    public AdvisoryIndex advisoryIndex() {
        return advisories.get().index();
    }

    /** Policy verdicts and settings (issue 11). */
    public ImagePolicies policies() {
        return policies;
    }

    public Reports reports() {
        return reports;
    }

    public ImageInsight insight() {
        return insight;
    }

    /** What builds attested about images (provenance, attached SBOMs), per repository. */
    public io.spyglass.server.analysis.attestation.Attestations attestations() {
        return attestations;
    }

    /** Layers opened by this node's analyses since it started (re-evaluation must leave this alone). */
    public long layerReads() {
        return layerReads.get();
    }

    /** Jobs queued or running, on any node. */
    public long pendingJobs() {
        return queue.pending();
    }

    /** Jobs by state ({@code queued}, {@code running}, {@code done}, {@code failed}), on all nodes. */
    public java.util.Map<String, Long> jobsByState() {
        return queue.countByState();
    }

    AdvisoryState advisories() {
        return advisories;
    }

    Database database() {
        return db;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.forEach(Worker::stop);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
