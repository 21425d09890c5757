package io.flightpath.app;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's garbage collection pauses, each filed under the window it ended in, so that a slow
 * tail in a phase can be told apart from the pauses of the one process that runs every service.
 * ZGC's "Cycles" collectors run beside the application and are not pauses; every other
 * collector's notification is one (G1's young, mixed, full, remark and cleanup; ZGC's "Pauses").
 */
final class GcPauses implements AutoCloseable {
    /** The pauses of one window: how many, the longest and all of them together, in ms. */
    record Summary(long count, long longestMs, long totalMs) {
        static final Summary NONE = new Summary(0, 0, 0);
    }

    private final Map<String, List<Long>> windows = new ConcurrentHashMap<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::filed;
    private volatile String window = "warm-up";

    GcPauses() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter && !gc.getName().contains("Cycles")) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Later pauses count in {@code name}. */
    void window(String name) {
        window = name;
    }

    private void filed(Notification n, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            long ms = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getDuration();
            windows.computeIfAbsent(window, k -> Collections.synchronizedList(new ArrayList<>())).add(ms);
        }
    }

    /** The pauses filed under {@code name} and under its parts ("NAME step"). */
    Summary of(String name) {
        long count = 0;
        long longest = 0;
        long total = 0;
        for (Map.Entry<String, List<Long>> w : windows.entrySet()) {
            if (DemoProbe.within(w.getKey(), name)) {
                synchronized (w.getValue()) {
                    for (long ms : w.getValue()) {
                        count++;
                        longest = Math.max(longest, ms);
                        total += ms;
                    }
                }
            }
        }
        return count == 0 ? Summary.NONE : new Summary(count, longest, total);
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added: nothing to remove
            }
        }
    }
}
