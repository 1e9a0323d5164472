package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** What a service's log lines show of a failure. */
class ServiceLogTest {
    @Test
    void aUrlInAMessageLosesItsUserInfoAndQuery() {
        String described = ServiceLog.describe(new SocketTimeoutException("Read timed out for URL: "
                + "https://ada:pw@api.example.com:8443/v1/items?api_key=SECRET123&x=1#top and then http://h/p?q=2"), -1);

        assertThat(described).isEqualTo("java.net.SocketTimeoutException: Read timed out for URL: "
                + "https://api.example.com:8443/v1/items?... and then http://h/p?...").doesNotContain("SECRET123", "pw");
        assertThat(ServiceLog.withoutUrlSecrets("GET https://api.example.com/v1/messages failed"))
                .as("nothing to drop").isEqualTo("GET https://api.example.com/v1/messages failed");
        assertThat(ServiceLog.withoutUrlSecrets("no url here, a@b?c")).isEqualTo("no url here, a@b?c");
    }

    @Test
    void oddUrlsLoseTheirSecretsToo() {
        assertThat(ServiceLog.withoutUrlSecrets("GET http://[::1]:8080/v1?api_key=SECRET failed"))
                .as("an IPv6 host").isEqualTo("GET http://[::1]:8080/v1?... failed");
        assertThat(ServiceLog.withoutUrlSecrets("GET https://user:p?ss@host/x")).as("a '?' in the password")
                .isEqualTo("GET https://host/x");
        assertThat(ServiceLog.withoutUrlSecrets("(see https://h/p?k=a)b=SECRET)")).isEqualTo("(see https://h/p?...");
        assertThat(ServiceLog.withoutUrlSecrets("redirected to https://app/cb#access_token=SECRET"))
                .as("a fragment").isEqualTo("redirected to https://app/cb#...");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aHugeMessageFullOfUrlsIsLookedAtOnlyAsFarAsTheLineGoes() {
        String huge = "see https://example.com/page ".repeat(150_000);

        assertThat(ServiceLog.describe(new SocketTimeoutException(huge), -1)).hasSizeLessThan(300);
    }

    @Test
    void controlCharactersAreFoldedAndACharacterIsNeverCutInHalf() {
        assertThat(ServiceLog.describe(new SocketTimeoutException("red \u001b[31mtext\u0085INFO  fake\u2028line"), -1))
                .isEqualTo("java.net.SocketTimeoutException: red [31mtext INFO fake line");

        String cut = ServiceLog.describe(new SocketTimeoutException("a".repeat(199) + "\uD83D\uDE00 and more"), -1);

        assertThat(cut).endsWith("a...").doesNotContain("\uD83D");
    }
}
