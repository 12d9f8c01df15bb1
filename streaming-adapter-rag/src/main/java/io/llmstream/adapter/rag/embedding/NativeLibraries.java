package io.llmstream.adapter.rag.embedding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which platforms' native libraries for the in-process model (ONNX Runtime and the Hugging Face tokenizers)
 * are on the class path. The app's embeddings jar ships linux x86_64 and aarch64 only, so the start-up log says so and
 * whether this JVM's platform is among them, before the first two_stage query fails to load the model.
 */
public final class NativeLibraries {

    private static final Map<String, List<String>> LIBRARIES = libraries();

    private NativeLibraries() {
    }

    /** For the start-up log, e.g. "native libraries for linux-x86_64, linux-aarch64; this JVM's linux-x86_64 found". */
    public static String describe() {
        List<String> found = LIBRARIES.entrySet().stream()
                .filter(platform -> platform.getValue().stream().allMatch(NativeLibraries::onClassPath))
                .map(Map.Entry::getKey)
                .toList();
        String here = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        return (found.isEmpty() ? "no native libraries" : "native libraries for " + String.join(", ", found))
                + "; this JVM's " + here + (found.contains(here) ? " found" : " missing: the in-process model cannot load here");
    }

    /** The platform in the tokenizers' naming ({@code linux-x86_64}), from the JVM's os.name and os.arch. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "win" : os;
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> osArch;
        };
        return system + "-" + arch;
    }

    private static boolean onClassPath(String resource) {
        return NativeLibraries.class.getClassLoader().getResource(resource) != null;
    }

    private static Map<String, List<String>> libraries() {
        Map<String, List<String>> libraries = new LinkedHashMap<>();
        libraries.put("linux-x86_64", List.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "native/lib/linux-x86_64/cpu/libtokenizers.so"));
        libraries.put("linux-aarch64", List.of("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so",
                "native/lib/linux-aarch64/cpu/libtokenizers.so"));
        libraries.put("osx-x86_64", List.of("ai/onnxruntime/native/osx-x64/libonnxruntime.dylib",
                "native/lib/osx-x86_64/cpu/libtokenizers.dylib"));
        libraries.put("osx-aarch64", List.of("ai/onnxruntime/native/osx-aarch64/libonnxruntime.dylib",
                "native/lib/osx-aarch64/cpu/libtokenizers.dylib"));
        libraries.put("win-x86_64", List.of("ai/onnxruntime/native/win-x64/onnxruntime.dll",
                "native/lib/win-x86_64/cpu/tokenizers.dll"));
        return libraries;
    }
}
