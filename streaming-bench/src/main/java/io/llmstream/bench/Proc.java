package io.llmstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Reads a process's CPU time, resident set and thread count from /proc (Linux). */
final class Proc {

    /** ZGC's own threads (ZWorkerYoung#0, ZDirector, ZDriverMajor, …), as G1's are "GC Thread#…" and "G1 …". */
    private static final Pattern ZGC_THREAD = Pattern.compile("Z[A-Z][a-z]");
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ; getconf CLK_TCK is 100 on Linux x86-64

    private Proc() {
    }

    /** User plus system CPU seconds of the process so far. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND; // fields 14 and 15
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** System (kernel) CPU seconds of the process so far. */
    static double systemCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) / TICKS_PER_SECOND;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds of the process's live threads by kind: {@code [JIT compiler threads, GC and VM threads]}. A thread
     * that has ended is no longer listed, so these are lower bounds and "total minus these" an upper bound of the
     * CPU the application's own threads used.
     */
    static double[] jitAndGcCpuSeconds(long pid) {
        double[] sums = new double[2];
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    sums[0] += seconds;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")
                        || ZGC_THREAD.matcher(name).lookingAt()) {
                    sums[1] += seconds;
                }
            }
        } catch (IOException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return sums;
    }

    /** The ids of the processes whose command name ({@code /proc/<pid>/comm}) is {@code name}. */
    static java.util.List<Long> pidsNamed(String name) {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String pid = entry.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (Files.readString(entry.resolve("comm")).strip().equals(name)) {
                        pids.add(Long.parseLong(pid));
                    }
                } catch (IOException ended) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return java.util.List.of();
        }
        return pids;
    }

    static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:") * 1024;
    }

    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    static long openFiles(long pid) {
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return list.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
