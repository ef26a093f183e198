package org.exchange.platform.access;

import jakarta.servlet.http.HttpServletRequest;

import java.net.InetAddress;

/**
 * The address a request came from. Behind the gateway every request arrives from the gateway, which
 * passes the client's address on as {@code X-Real-IP}; that header is believed only when the direct
 * peer is the loopback gateway (services listen on loopback unless deployed behind a network), so a
 * client cannot claim another address by sending the header itself.
 */
public final class ClientAddress {

    static final String HEADER = "X-Real-IP";

    private ClientAddress() {
    }

    public static InetAddress of(HttpServletRequest request) {
        InetAddress peer = AddressRange.literal(request.getRemoteAddr());
        if (peer != null && peer.isLoopbackAddress()) {
            InetAddress forwarded = AddressRange.literal(request.getHeader(HEADER));
            if (forwarded != null) {
                return forwarded;
            }
        }
        return peer != null ? peer : InetAddress.getLoopbackAddress();
    }
}
