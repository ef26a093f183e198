package org.exchange.query.balance;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface BalanceRepository extends JpaRepository<BalanceRow, BalanceRow.Key> {

    List<BalanceRow> findByKeyAccountIdOrderByKeyAsset(String accountId);
}
