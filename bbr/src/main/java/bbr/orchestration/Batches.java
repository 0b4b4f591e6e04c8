package bbr.orchestration;

import bbr.instance.Job;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Lock batches turned around for unlocking: what locked last unlocks first. */
final class Batches {

    private Batches() {
    }

    static List<List<Job>> reversed(List<List<Job>> batches) {
        List<List<Job>> copy = new ArrayList<>(batches);
        Collections.reverse(copy);
        return copy;
    }
}
