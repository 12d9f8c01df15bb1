package io.llmstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's CPU time, resident set and thread count from /proc (Linux). */
final class Proc {

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
