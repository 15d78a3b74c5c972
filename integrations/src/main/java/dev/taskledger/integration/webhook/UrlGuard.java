package dev.taskledger.integration.webhook;

import io.vavr.control.Either;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a webhook URL may be called: at registration and again before every delivery, after resolving
 * the host, so that a name re-pointed at an internal address (DNS rebinding) is refused at delivery time too.
 *
 * <p>In {@link Mode#AWS} only {@code https} URLs whose every address is public are accepted: loopback, private
 * (RFC 1918, unique-local IPv6), link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254 included),
 * carrier-grade NAT, multicast, unspecified, reserved and documentation ranges are refused. {@link Mode#LOCAL} also
 * accepts {@code http} or {@code https} to {@code 127.0.0.1} / {@code localhost}, for development.
 *
 * <p>Not promised: protection from an address that changes between this check and the connection (the window is
 * one DNS lookup wide); redirects are never followed by the sender, so a redirect cannot reach an internal address.
 */
public final class UrlGuard {
    public static final int MAX_URL_LENGTH = 2048;
    private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost");

    public enum Mode {
        AWS,
        LOCAL
    }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver DNS = host -> List.of(InetAddress.getAllByName(host));
    }

    private final Mode mode;
    private final Resolver resolver;

    public UrlGuard(Mode mode, Resolver resolver) {
        this.mode = mode;
        this.resolver = resolver;
    }

    public Mode mode() {
        return mode;
    }

    /** The URL when it may be called, else why not (a sentence fit for a client). */
    public Either<String, URI> check(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            return Either.left("must be an absolute URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Either.left("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Either.left("must be an absolute http(s) URL with a host, without user info or fragment");
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Either.left("must be an https URL");
        }
        boolean localTarget = mode == Mode.LOCAL && LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        if (!localTarget && !scheme.equals("https")) {
            return Either.left(
                    mode == Mode.LOCAL
                            ? "must be an https URL (or http://127.0.0.1:<port> / http://localhost:<port> locally)"
                            : "must be an https URL");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException | RuntimeException e) {
            return Either.left("has a host that does not resolve");
        }
        if (addresses.isEmpty()) {
            return Either.left("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            boolean allowed = localTarget ? address.isLoopbackAddress() : isPublic(address);
            if (!allowed) {
                return Either.left("resolves to a private, loopback, link-local or reserved address");
            }
        }
        return Either.right(uri);
    }

    /** Whether an address is publicly routable: none of the special-purpose ranges a webhook must never reach. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // this network
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 2) // TEST-NET-1
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || (first == 198 && second == 51 && (b[2] & 0xff) == 100) // TEST-NET-2
                    || (first == 203 && second == 0 && (b[2] & 0xff) == 113) // TEST-NET-3
                    || first >= 240); // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7, includes fd00:ec2::254
            boolean documentation = first == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8;
            boolean nat64 = first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            boolean embeddedV4 = first == 0 && allZero(b, 1, 10); // ::/80 prefixes: mapped/compatible forms
            // tunnels that carry an IPv4 address inside: 6to4 (2002::/16) and Teredo (2001:0::/32) are refused
            // whole, as the relay they name decides where the packet goes; ISATAP interface ids are refused when
            // the IPv4 address they embed is not public
            boolean sixToFour = first == 0x20 && b[1] == 0x02;
            boolean teredo = first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0;
            boolean discardOnly = first == 0x01 && allZero(b, 1, 8); // 100::/64
            boolean isatap =
                    (b[8] == 0 || b[8] == 0x02) && b[9] == 0 && (b[10] & 0xff) == 0x5e && (b[11] & 0xff) == 0xfe;
            if (isatap && !isPublic(embeddedIpv4(b, 12))) {
                return false;
            }
            return !(uniqueLocal || documentation || nat64 || embeddedV4 || sixToFour || teredo || discardOnly);
        }
        return false;
    }

    private static InetAddress embeddedIpv4(byte[] bytes, int from) {
        try {
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, from, from + 4));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
