package org.exchange.query.market;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

interface MarketRepository extends JpaRepository<MarketRow, String> {

    List<MarketRow> findAllByOrderByMarketId();

    /** The markets whose base and quote written together are {@code symbol} ({@code BTCUSDT}), by market id. */
    @Query("select m from MarketRow m where concat(m.baseAsset, m.quoteAsset) = :symbol order by m.marketId")
    List<MarketRow> findBySymbol(String symbol);
}
