package org.exchange.platform.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One entry of an API key's IP allow-list: an address ({@code 203.0.113.7}, {@code 2001:db8::1}) or
 * a CIDR range ({@code 203.0.113.0/24}). Only literals are accepted: a host name would make every
 * check a DNS lookup, and DNS an attack surface.
 */
record AddressRange(InetAddress network, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    static AddressRange parse(String text) {
        if (text == null || text.isBlank() || text.length() > 49) {
            throw ApiKeys.invalid("ipAllowList entries are IP addresses or CIDR ranges");
        }
        String[] parts = text.split("/", -1);
        if (parts.length > 2) {
            throw ApiKeys.invalid("'" + text + "' is not an IP address or CIDR range");
        }
        InetAddress address = literal(parts[0]);
        if (address == null) {
            throw ApiKeys.invalid("'" + text + "' is not an IP address or CIDR range");
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException notANumber) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits || !parts[1].matches("\\d{1,3}")) {
                throw ApiKeys.invalid("'" + text + "' has a prefix length outside 0.." + bits);
            }
        }
        return new AddressRange(masked(address.getAddress(), prefix), prefix);
    }

    /** An address literal, or null if the text is not one (never a DNS lookup). */
    static InetAddress literal(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        if (IPV4.matcher(text).matches()) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException notALiteral) {
            return null;
        }
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] own = network.getAddress();
        if (candidate.length != own.length) {
            return false;
        }
        return java.util.Arrays.equals(masked(candidate, prefixLength).getAddress(), own);
    }

    private static InetAddress masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(masked);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        int bits = network.getAddress().length * 8;
        return prefixLength == bits ? network.getHostAddress() : network.getHostAddress() + "/" + prefixLength;
    }
}
