package bbr.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every helper thread bbr starts is a daemon: once a run has decided to end, nothing it left behind (a read blocked
 * on a VM, the hash of an artifact already refused, a progress ticker, a jumpbox saying goodbye) may keep the
 * process alive.
 */
public final class Daemons {

    private Daemons() {
    }

    /** Starts {@code task} on a daemon thread of its own. */
    public static Thread start(Runnable task, String name) {
        Thread thread = daemon(task, name);
        thread.start();
        return thread;
    }

    /** For pools whose threads all share one name. */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** For pools whose threads are told apart: {@code prefix1}, {@code prefix2}, … */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> daemon(task, prefix + count.incrementAndGet());
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
