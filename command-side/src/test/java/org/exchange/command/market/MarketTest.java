package org.exchange.command.market;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.exchange.api.common.Asset;
import org.exchange.api.common.ErrorCode;
import org.exchange.api.common.ExchangeException;
import org.exchange.api.market.HaltMarketCommand;
import org.exchange.api.market.MarketHaltedEvent;
import org.exchange.api.market.MarketId;
import org.exchange.api.market.MarketOpenedEvent;
import org.exchange.api.market.MarketResumedEvent;
import org.exchange.api.market.MarketSpec;
import org.exchange.api.market.OpenMarketCommand;
import org.exchange.api.market.ResumeMarketCommand;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.axonframework.test.matchers.Matchers.predicate;

class MarketTest {

    private static final MarketId BTC_USDT = MarketId.of("BTC-USDT");
    private static final MarketSpec RULES = spec("0.01");

    private FixtureConfiguration<Market> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Market.class);
    }

    private static MarketSpec spec(String tickSize) {
        return new MarketSpec(Asset.of("BTC"), Asset.of("USDT"), new BigDecimal(tickSize), new BigDecimal("0.00001"),
                new BigDecimal("0.00001"), new BigDecimal("1000"), new BigDecimal("5"),
                new BigDecimal("0.001"), new BigDecimal("0.002"));
    }

    @Test
    void anAdminOpensAMarketWithItsRules() {
        fixture.givenNoPriorActivity()
                .when(new OpenMarketCommand(BTC_USDT, RULES))
                .expectEvents(new MarketOpenedEvent(BTC_USDT, RULES));
    }

    @Test
    void openingAgainWithTheSameRulesIsARetryThatChangesNothing() {
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES))
                .when(new OpenMarketCommand(BTC_USDT, spec("0.010")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void openingAgainWithOtherRulesIsRefused() {
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES))
                .when(new OpenMarketCommand(BTC_USDT, spec("0.1")))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.MARKET_ALREADY_OPEN));
    }

    @Test
    void anOpenMarketCanBeHaltedAndResumed() {
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES))
                .when(new HaltMarketCommand(BTC_USDT, "maintenance"))
                .expectEvents(new MarketHaltedEvent(BTC_USDT, "maintenance"));
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES), new MarketHaltedEvent(BTC_USDT, "maintenance"))
                .when(new ResumeMarketCommand(BTC_USDT))
                .expectEvents(new MarketResumedEvent(BTC_USDT));
    }

    @Test
    void haltingAHaltedMarketOrResumingATradingOneIsRefused() {
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES), new MarketHaltedEvent(BTC_USDT, "maintenance"))
                .when(new HaltMarketCommand(BTC_USDT, "again"))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ALREADY_IN_STATE));
        fixture.given(new MarketOpenedEvent(BTC_USDT, RULES))
                .when(new ResumeMarketCommand(BTC_USDT))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.ALREADY_IN_STATE));
    }

    private static Matcher<Object> refusedWith(ErrorCode code) {
        return predicate(failure -> failure instanceof ExchangeException refusal && refusal.code() == code);
    }
}
