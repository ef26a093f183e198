package org.exchange.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The PostgreSQL read models as tests compare them: every table, row by row. */
final class ReadModels {

    static final List<String> TABLES = List.of("balances", "ledger_postings", "deposits", "orders", "trades",
            "market_trades", "candles", "markets");

    private ReadModels() {
    }

    /** Every processor has read at least {@code records} records of the topic. */
    static boolean everyProjectionCaughtUp(JdbcTemplate database, long records) {
        Long read = database.queryForObject("select coalesce(min(read), 0) from (select processor, "
                + "sum(kafka_offset + 1) as read from projection_progress group by processor) p", Long.class);
        Integer processors = database.queryForObject("select count(distinct processor) from projection_progress",
                Integer.class);
        return processors != null && processors >= 7 && read != null && read >= records;
    }

    static List<Map<String, Object>> rows(JdbcTemplate database, String table) {
        return database.queryForList("select * from " + table + " order by 1, 2, 3");
    }

    static Map<String, List<Map<String, Object>>> all(JdbcTemplate database) {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        TABLES.forEach(table -> tables.put(table, rows(database, table)));
        return tables;
    }

    /** Spring properties as command-line arguments: they outrank application.yml (builder "properties" would not). */
    static String[] arguments(Map<String, ?> properties) {
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
    }
}
