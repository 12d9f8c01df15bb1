package io.llmstream.http.jersey.wire;

import java.io.IOException;
import java.io.OutputStream;

/** The HTTP response behind a streaming sink: started once (the headers go out), written per event, ended once. */
interface ResponseWire {

    /**
     * Sends the headers and returns the body stream; every flush must reach the client.
     *
     * @param owner told when the client closes the connection
     * @throws IOException when the response cannot be started (the client is gone)
     */
    OutputStream open(HeldResponse owner) throws IOException;

    /** Ends the response; called once, never throws. */
    void end();
}
