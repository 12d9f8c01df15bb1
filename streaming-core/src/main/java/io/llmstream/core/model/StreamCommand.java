package io.llmstream.core.model;

/**
 * What one node asks of the node generating a stream: a user's stop, pause or resume, or that a client of the
 * stream started or stopped following it there (so that the generating node's detach grace counts clients on
 * every node).
 */
public enum StreamCommand {
    STOP, PAUSE, RESUME, SUBSCRIBED, UNSUBSCRIBED
}
