package org.exchange.projection;

import org.exchange.testsupport.RealComponents;
import org.exchange.testsupport.ThrowawayDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Candles written before they carried taker-buy volumes get them from the tape when the read model
 * is migrated: per stored interval, in UTC buckets, only the trades whose taker bought. Runs the
 * migrations on a real PostgreSQL, first up to the version before, then the rest.
 */
class CandleTakerVolumesMigrationIT {

    private static final RealComponents COMPONENTS = RealComponents.current();
    private static final String LOCATIONS = "classpath:db/readmodel";

    @Test
    void candlesOfEarlierTradesGetWhatTheirTakersBought() {
        String database = ThrowawayDatabase.create(COMPONENTS, "taker_volumes");
        SingleConnectionDataSource connection = new SingleConnectionDataSource(COMPONENTS.jdbcUrl(database),
                COMPONENTS.dbUser(), COMPONENTS.dbPassword(), true);
        try {
            Flyway.configure().dataSource(connection).locations(LOCATIONS).target("1.4").load().migrate();
            JdbcClient jdbc = JdbcClient.create(connection);
            // 23:59:30 and 23:59:50 are one minute, hour and day; 00:00:10 the next of each
            trade(jdbc, 1, "BUY", "100.00", "1.0000", "2026-11-20T23:59:30Z");
            trade(jdbc, 2, "SELL", "101.00", "2.0000", "2026-11-20T23:59:50Z");
            trade(jdbc, 3, "BUY", "102.00", "0.5000", "2026-11-20T23:59:55.999Z");
            trade(jdbc, 4, "BUY", "99.00", "3.0000", "2026-11-21T00:00:10Z");
            trade(jdbc, 5, "SELL", "98.00", "1.0000", "2026-11-21T00:00:20Z");
            candle(jdbc, "1m", "2026-11-20T23:59:00Z");
            candle(jdbc, "1h", "2026-11-20T23:00:00Z");
            candle(jdbc, "1d", "2026-11-20T00:00:00Z");
            for (String interval : List.of("1m", "1h", "1d")) {
                candle(jdbc, interval, "2026-11-21T00:00:00Z");
            }

            Flyway.configure().dataSource(connection).locations(LOCATIONS).load().migrate();

            assertThat(jdbc.sql("""
                            select candle_interval || ' ' || to_char(open_time at time zone 'UTC', 'YYYY-MM-DD HH24:MI')
                                       || ' ' || taker_buy_volume || ' ' || taker_buy_quote_volume as line
                              from candles order by candle_interval, open_time""")
                    .query(String.class).list())
                    .containsExactly(
                            "1d 2026-11-20 00:00 1.5000 151.00000000", "1d 2026-11-21 00:00 3.0000 297.00000000",
                            "1h 2026-11-20 23:00 1.5000 151.00000000", "1h 2026-11-21 00:00 3.0000 297.00000000",
                            "1m 2026-11-20 23:59 1.5000 151.00000000", "1m 2026-11-21 00:00 3.0000 297.00000000");
        } finally {
            connection.destroy();
        }
    }

    private static void trade(JdbcClient jdbc, long sequence, String takerSide, String price, String quantity, String at) {
        jdbc.sql("""
                        insert into market_trades (trade_id, market_id, sequence, price, quantity, quote_quantity, taker_side,
                                                   executed_at)
                        values (:id, 'BTC-USDT', :sequence, :price::numeric, :quantity::numeric,
                                round(:price::numeric * :quantity::numeric, 8), :side, :at)""")
                .paramSource(Map.of("id", "BTC-USDT-" + sequence, "sequence", sequence, "price", price, "quantity", quantity,
                        "side", takerSide, "at", Instant.parse(at).atOffset(ZoneOffset.UTC)))
                .update();
    }

    /** The candle as it was written before: only its own sums (not checked here). */
    private static void candle(JdbcClient jdbc, String interval, String openTime) {
        jdbc.sql("""
                        insert into candles (market_id, candle_interval, open_time, open, high, low, close, volume,
                                             quote_volume, trades, first_sequence, last_sequence)
                        values ('BTC-USDT', :interval, :openTime, 1, 1, 1, 1, 1, 1, 1, 1, 1)""")
                .param("interval", interval)
                .param("openTime", Instant.parse(openTime).atOffset(ZoneOffset.UTC))
                .update();
    }
}
