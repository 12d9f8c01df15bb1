package io.llmstream.upstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The configured providers of one port by name, in the order they were added: what the LLM and the
 * text-to-speech registries share. How a request picks its provider (a name in the request, a prefix of a
 * voice's model, a default) stays with each port's registry; this one only holds the names, refuses one
 * configured twice, says which names exist when one is missing, and closes what it holds.
 *
 * @param <P> the port the providers implement
 */
public final class ProviderRegistry<P> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProviderRegistry.class.getName());

    private final String kind;
    private final Map<String, P> providers;

    private ProviderRegistry(String kind, Map<String, P> providers) {
        this.kind = kind;
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /**
     * A builder for providers of one {@code kind}, the words error messages use for them
     * ({@code "LLM provider"}, {@code "text-to-speech provider"}).
     */
    public static <P> Builder<P> builder(String kind) {
        return new Builder<>(kind);
    }

    /** The configured names, in the order they were added. */
    public Set<String> names() {
        return providers.keySet();
    }

    /** The provider called {@code name}, if it is configured. */
    public Optional<P> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** {@code "unknown <kind> 'name'; configured: a, b"}: for a name that {@link #find} does not know. */
    public String unknown(String name) {
        return "unknown " + kind + " '" + name + "'; configured: " + String.join(", ", providers.keySet());
    }

    /**
     * Closes every provider that is {@link AutoCloseable}; a failure to close one is logged and the others are
     * still closed, since this runs while the server stops.
     */
    @Override
    public void close() {
        for (Map.Entry<String, P> entry : providers.entrySet()) {
            if (entry.getValue() instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing the " + kind + " '" + entry.getKey() + "' failed", e);
                }
            }
        }
    }

    /** Collects the providers of one registry. */
    public static final class Builder<P> {

        private final String kind;
        private final Map<String, P> providers = new LinkedHashMap<>();

        private Builder(String kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        /** @throws IllegalArgumentException when {@code name} is blank or already added */
        public Builder<P> add(String name, P provider) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            if (name.isBlank()) {
                throw new IllegalArgumentException(kind + " name must not be blank");
            }
            if (providers.putIfAbsent(name, provider) != null) {
                throw new IllegalArgumentException(kind + " '" + name + "' is configured twice");
            }
            return this;
        }

        public ProviderRegistry<P> build() {
            return new ProviderRegistry<>(kind, providers);
        }
    }
}
