package io.llmstream.core.usecase;

import io.llmstream.core.model.StreamCommand;
import io.llmstream.core.port.StreamCommandRoute;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** Carries out on this process's runs the commands other nodes route here, and counts their clients for them. */
final class RoutedCommands implements StreamCommandRoute.Handler {

    private final ActiveStreams active;

    RoutedCommands(ActiveStreams active) {
        this.active = active;
    }

    @Override
    public boolean handle(UUID streamId, StreamCommand command) {
        Optional<StreamRun> found = active.find(streamId);
        if (found.isEmpty()) {
            return false;
        }
        StreamRun run = found.get();
        return switch (command) {
            case STOP -> {
                run.stopByUser();
                yield true;
            }
            case PAUSE -> run.pause();
            case RESUME -> run.resume();
            case SUBSCRIBED -> {
                run.subscribed();
                yield true;
            }
            case UNSUBSCRIBED -> {
                run.unsubscribed();
                yield true;
            }
        };
    }

    @Override
    public OptionalInt subscribers(UUID streamId) {
        return active.find(streamId).map(run -> OptionalInt.of(run.subscribers())).orElseGet(OptionalInt::empty);
    }
}
