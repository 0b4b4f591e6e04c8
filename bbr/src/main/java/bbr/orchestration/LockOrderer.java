package bbr.orchestration;

import bbr.instance.Job;
import bbr.instance.LockBefore;
import bbr.log.Logger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders jobs for locking with Kahn's algorithm: each batch holds the jobs whose predecessors are all locked;
 * jobs within a batch may lock concurrently, and unlocking walks the batches in reverse.
 */
public final class LockOrderer {

    /** Which of the two metadata keys to honour. */
    public enum Phase {
        BACKUP("backup", m -> m.backupShouldBeLockedBefore()),
        RESTORE("restore", m -> m.restoreShouldBeLockedBefore());

        private final String word;
        private final Function<bbr.instance.JobMetadata, List<LockBefore>> constraints;

        Phase(String word, Function<bbr.instance.JobMetadata, List<LockBefore>> constraints) {
            this.word = word;
            this.constraints = constraints;
        }
    }

    private LockOrderer() {
    }

    /** @throws BbrError if the declared order has a cycle */
    public static List<List<Job>> order(List<Job> jobs, Phase phase, Logger logger) throws BbrError {
        Map<Job, Set<Job>> successors = new LinkedHashMap<>();
        Map<Job, Integer> predecessors = new LinkedHashMap<>();
        jobs.forEach(job -> {
            successors.put(job, new LinkedHashSet<>());
            predecessors.put(job, 0);
        });
        Set<String> logged = new LinkedHashSet<>();
        for (Job job : jobs) {
            for (LockBefore before : phase.constraints.apply(job.metadata())) {
                for (Job other : jobs) {
                    if (other != job && other.name().equals(before.jobName())
                            && other.release().equals(before.release()) && successors.get(job).add(other)) {
                        predecessors.merge(other, 1, Integer::sum);
                        String line = "Detected order: " + job.name() + " should be locked before "
                                + (before.release().isEmpty() ? "" : before.release() + "/") + before.jobName()
                                + " during " + phase.word;
                        if (logged.add(line)) {
                            logger.info(line);
                        }
                    }
                }
            }
        }
        List<List<Job>> batches = new ArrayList<>();
        List<Job> ready = jobs.stream().filter(job -> predecessors.get(job) == 0).toList();
        int placed = 0;
        while (!ready.isEmpty()) {
            batches.add(ready);
            placed += ready.size();
            List<Job> next = new ArrayList<>();
            for (Job job : ready) {
                for (Job successor : successors.get(job)) {
                    if (predecessors.merge(successor, -1, Integer::sum) == 0) {
                        next.add(successor);
                    }
                }
            }
            ready = next;
        }
        if (placed != jobs.size()) {
            throw new BbrError(ErrorKind.GENERAL, "job locking dependency graph is cyclic");
        }
        return batches;
    }
}
