package org.exchange.platform.access;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature covers exactly what was sent: the example from Binance's API documentation
 * verifies, and any change to the query or the body does not.
 */
class SignedRequestsTest {

    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private static final String QUERY = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1"
            + "&recvWindow=5000&timestamp=1499827319559";
    private static final String BINANCE_SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";

    @Test
    void binancesDocumentedExampleVerifies() {
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY, new byte[0], BINANCE_SIGNATURE)).isTrue();
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY, new byte[0], BINANCE_SIGNATURE.toUpperCase())).isTrue();
    }

    @Test
    void theQueryAndBodyAreSignedTogether() {
        String query = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC";
        byte[] body = "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559".getBytes(StandardCharsets.UTF_8);
        assertThat(ApiKeyVerifier.matches(SECRET, query, body,
                "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77")).isTrue();
        assertThat(ApiKeyVerifier.matches(SECRET, query + "&x=1", body,
                "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77")).isFalse();
    }

    @Test
    void aFormBodyMayCarryTheSignatureAndTheTimestamp() {
        SignedRequests.SignedQuery query = SignedRequests.SignedQuery.parse("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC");
        SignedRequests.SignedQuery body = SignedRequests.SignedQuery.parse("quantity=1&price=0.1&recvWindow=5000"
                + "&timestamp=1499827319559&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
        SignedRequests.SignedQuery all = query.and(body);

        assertThat(all.signature()).isEqualTo("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77");
        assertThat(all.longParameter("timestamp")).isEqualTo(1499827319559L);
        assertThat(ApiKeyVerifier.matches(SECRET, query.unsigned() + body.unsigned(), new byte[0], all.signature()))
                .isTrue();
        assertThat(query.and(SignedRequests.SignedQuery.parse("signature=abc&x=1")).and(
                SignedRequests.SignedQuery.parse("signature=abc")).signature()).as("two signatures").isNull();
    }

    @Test
    void aChangedQueryOrAMalformedSignatureDoesNotVerify() {
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY.replace("price=0.1", "price=0.2"), new byte[0],
                BINANCE_SIGNATURE)).isFalse();
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY, "{}".getBytes(StandardCharsets.UTF_8), BINANCE_SIGNATURE))
                .isFalse();
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY, new byte[0], "not hex")).isFalse();
        assertThat(ApiKeyVerifier.matches(SECRET, QUERY, new byte[0], "")).isFalse();
    }

    @Test
    void theSignatureParameterIsLeftOutOfWhatIsSignedWhereverItStands() {
        SignedRequests.SignedQuery last = SignedRequests.SignedQuery.parse(QUERY + "&signature=abc");
        SignedRequests.SignedQuery first = SignedRequests.SignedQuery.parse("signature=abc&" + QUERY);
        SignedRequests.SignedQuery twice = SignedRequests.SignedQuery.parse(QUERY + "&signature=abc&signature=abc");

        assertThat(last.unsigned()).isEqualTo(QUERY);
        assertThat(last.signature()).isEqualTo("abc");
        assertThat(first.unsigned()).isEqualTo(QUERY);
        assertThat(twice.signature()).isNull();
        assertThat(last.longParameter("timestamp")).isEqualTo(1499827319559L);
        assertThat(SignedRequests.SignedQuery.parse("timestamp=1&timestamp=2").longParameter("timestamp")).isNull();
        assertThat(SignedRequests.SignedQuery.parse("timestamp=-1").longParameter("timestamp")).isNull();
        assertThat(SignedRequests.SignedQuery.parse("timestamp=1e3").longParameter("timestamp")).isNull();
    }
}
