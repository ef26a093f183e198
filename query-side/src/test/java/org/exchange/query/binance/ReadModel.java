package org.exchange.query.binance;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.math.BigDecimal;

/**
 * A test's read model as the projections service creates it (its migrations), with markets listed
 * where the Binance-compatible API looks their symbols up.
 */
final class ReadModel {

    private ReadModel() {
    }

    /** Creates the read model's tables in the test's database. */
    static JdbcClient migrated(DataSource database) {
        Flyway.configure().dataSource(database).locations("filesystem:../projections/src/main/resources/db/readmodel")
                .load().migrate();
        return JdbcClient.create(database);
    }

    /** Lists a market quoted in USDT whose base asset is the first three letters of its id. */
    static void market(JdbcClient readModel, String market, String tick, String step, String minQuantity,
                       String maxQuantity, String minNotional, String status) {
        readModel.sql("""
                        insert into markets (market_id, base_asset, quote_asset, tick_size, step_size, min_quantity,
                                             max_quantity, min_notional, maker_fee_rate, taker_fee_rate, status,
                                             last_sequence, opened_at, updated_at)
                        values (?, ?, 'USDT', ?, ?, ?, ?, ?, 0.001, 0.001, ?, 0, now(), now())""")
                .params(market, market.substring(0, 3), new BigDecimal(tick), new BigDecimal(step),
                        new BigDecimal(minQuantity), new BigDecimal(maxQuantity), new BigDecimal(minNotional), status)
                .update();
    }
}
