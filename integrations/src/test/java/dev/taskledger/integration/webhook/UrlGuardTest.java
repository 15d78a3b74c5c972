package dev.taskledger.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlGuardTest {
    /** Names resolve from this table (no network); literals resolve to themselves. */
    static final Map<String, List<String>> NAMES = Map.of(
            "hooks.example.com", List.of("93.184.215.14"),
            "split.example.com", List.of("93.184.215.14", "10.0.0.7"),
            "rebind.example.com", List.of("169.254.169.254"),
            "v6.example.com", List.of("2606:4700::6810:85e5"),
            "localhost", List.of("127.0.0.1"));

    static final UrlGuard.Resolver RESOLVER = host -> {
        List<String> addresses = NAMES.get(host);
        if (addresses == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        }
        return addresses.stream()
                .map(a -> {
                    try {
                        return InetAddress.getByName(a);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    };

    final UrlGuard aws = new UrlGuard(UrlGuard.Mode.AWS, RESOLVER);
    final UrlGuard local = new UrlGuard(UrlGuard.Mode.LOCAL, RESOLVER);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/taskledger",
                "https://hooks.example.com:8443/x?y=1",
                "https://v6.example.com/",
                "https://93.184.215.14/hook"
            })
    void public_https_urls_are_accepted_in_aws(String url) {
        assertThat(aws.check(url).isRight()).as(url).isTrue();
        assertThat(local.check(url).isRight()).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.example.com/", // not https
                "https://127.0.0.1/",
                "https://localhost:8080/",
                "https://[::1]/", // loopback
                "https://10.1.2.3/",
                "https://172.16.0.1/",
                "https://192.168.1.1/", // RFC 1918
                "https://169.254.169.254/latest/meta-data/",
                "https://[fd00:ec2::254]/", // cloud metadata
                "https://[fe80::1]/",
                "https://100.64.0.1/",
                "https://0.0.0.0/",
                "https://[::]/", // link-local, CGNAT, any
                "https://224.0.0.1/",
                "https://255.255.255.255/",
                "https://[::ffff:10.0.0.1]/",
                "https://[2002:a00:1::1]/", // 6to4 embedding 10.0.0.1
                "https://[2002:808:808::1]/", // 6to4 of a public address: the relay decides, refused whole
                "https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/", // Teredo
                "https://[2001:4860:1::5efe:a00:1]/", // ISATAP interface id embedding 10.0.0.1
                "https://[100::1]/", // discard-only
                "https://198.18.0.1/",
                "https://split.example.com/", // one public and one private address
                "https://rebind.example.com/", // a name that resolves to the metadata address
                "https://unknown.invalid/", // does not resolve
                "https://user:pass@hooks.example.com/", // user info
                "ftp://hooks.example.com/",
                "/relative",
                "hooks.example.com",
                "",
                "https://hooks.example.com/#frag"
            })
    void everything_else_is_refused_in_aws(String url) {
        assertThat(aws.check(url).isLeft()).as(url).isTrue();
    }

    @Test
    void locally_http_to_loopback_is_allowed_but_not_to_other_private_addresses() {
        assertThat(local.check("http://127.0.0.1:9999/hook").isRight()).isTrue();
        assertThat(local.check("http://localhost:9999/hook").isRight()).isTrue();
        assertThat(local.check("http://10.0.0.1:9999/hook").isLeft()).isTrue();
        assertThat(local.check("http://hooks.example.com/hook").isLeft()).isTrue();
        assertThat(local.check("https://169.254.169.254/").isLeft()).isTrue();
        assertThat(aws.check("http://127.0.0.1:9999/hook").isLeft()).isTrue();
    }

    @Test
    void a_local_name_that_resolves_elsewhere_is_refused() {
        UrlGuard hijacked = new UrlGuard(UrlGuard.Mode.LOCAL, host -> List.of(InetAddress.getByName("10.9.9.9")));
        assertThat(hijacked.check("http://localhost:9999/").getLeft()).contains("private");
    }

    @Test
    void an_isatap_id_embedding_a_public_address_stays_public() throws Exception {
        assertThat(UrlGuard.isPublic(InetAddress.getByName("2001:4860:1::5efe:808:808")))
                .isTrue();
        assertThat(UrlGuard.isPublic(InetAddress.getByName("2001:4860:1::5efe:c0a8:101")))
                .isFalse();
    }

    @Test
    void overlong_urls_are_refused() {
        assertThat(aws.check("https://hooks.example.com/" + "a".repeat(UrlGuard.MAX_URL_LENGTH))
                        .isLeft())
                .isTrue();
    }
}
