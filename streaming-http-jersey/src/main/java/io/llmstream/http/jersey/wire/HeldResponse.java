package io.llmstream.http.jersey.wire;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The HTTP response held open behind a streaming sink ({@link HeldSink}): started once (the headers go out),
 * written per event, ended once. {@link JerseyHeldResponse} is the one implementation; tests play it in memory.
 */
interface HeldResponse {

    /**
     * Sends the headers and returns the body stream; every flush must reach the client.
     *
     * @param clientGone run when the client closes the connection
     * @throws IOException when the response cannot be started (the client is gone)
     */
    OutputStream open(Runnable clientGone) throws IOException;

    /** Ends the response; called once, never throws. */
    void end();
}
