package org.exchange.query.market;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface MarketRepository extends JpaRepository<MarketRow, String> {

    List<MarketRow> findAllByOrderByMarketId();
}
