package io.llmstream.http.jersey.server;

import java.io.IOException;
import java.util.Locale;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Serves requests that offer a cleartext HTTP/2 upgrade ({@code Upgrade: h2c}) as plain HTTP/1.1.
 *
 * <p>The JDK's {@code HttpClient} offers that upgrade by default. Grizzly treats every request carrying an
 * {@code Upgrade} header as switching protocols and stops decoding its body by {@code Content-Length}, so a
 * POST never ends and hangs until the client times out. Declining an upgrade is allowed (RFC 9110 §7.8):
 * this add-on drops the offer before the body is read.
 */
final class IgnoreH2cUpgrade implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder chain) {
        int http = chain.indexOfType(HttpServerFilter.class);
        if (http >= 0) {
            chain.add(http + 1, new Decline());
        }
    }

    private static final class Decline extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event instanceof HttpEvents.IncomingHttpUpgradeEvent upgrade) {
                HttpHeader header = upgrade.getHttpHeader();
                if (header.getUpgrade() != null && header.getUpgrade().toLowerCase(Locale.ROOT).startsWith("h2c")) {
                    header.setIgnoreContentModifiers(false);
                    header.getUpgradeDC().recycle();
                    header.getHeaders().removeHeader(Header.Upgrade);
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
