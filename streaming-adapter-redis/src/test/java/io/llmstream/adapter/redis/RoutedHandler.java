package io.llmstream.adapter.redis;

import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.port.StreamCommandRoute;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/** A node's handler of routed commands in tests: carries out commands as told, counts the clients set in {@link #clients}. */
final class RoutedHandler implements StreamCommandRoute.Handler {

    final Map<UUID, Integer> clients = new ConcurrentHashMap<>();
    private final BiPredicate<UUID, StreamCommand> commands;

    private RoutedHandler(BiPredicate<UUID, StreamCommand> commands) {
        this.commands = commands;
    }

    static RoutedHandler carryingOut(BiPredicate<UUID, StreamCommand> commands) {
        return new RoutedHandler(commands);
    }

    @Override
    public boolean handle(UUID streamId, StreamCommand command) {
        return commands.test(streamId, command);
    }

    @Override
    public OptionalInt subscribers(UUID streamId) {
        Integer count = clients.get(streamId);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }
}
