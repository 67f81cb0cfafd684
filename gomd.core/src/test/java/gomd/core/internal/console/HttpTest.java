package gomd.core.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1", "GET /", "POST /api HTTP/1.0", "HEAD / HTTP/1.1", "PUT /x",
            "OPTIONS * HTTP/1.1", "CONNECT example.org:443 HTTP/1.1", "PRI * HTTP/2.0", "BREW /pot HTTP/1.1",
            "Host: localhost:9889", "host:x", "User-Agent: curl/8.0", "Connection: keep-alive"})
    void httpLinesAreRecognized(String line) {
        assertThat(Http.looksLikeHttp(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"get load", "get /proc/loadavg", "help", "GET", "get netload eth0", "post office",
            "hostname", "exec echo Host: x", "cwc ls HTTP/1.1", ""})
    void gomdRequestsAreNot(String line) {
        assertThat(Http.looksLikeHttp(line)).isFalse();
    }
}
