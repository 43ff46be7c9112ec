package io.qiao.samples.boot;

import io.qiao.jackyun.JackyunClient;
import io.qiao.jackyun.model.Warehouse;
import io.qiao.jackyun.sync.JackyunSources;
import io.qiao.spring.boot.SyncJobs;
import io.qiao.sync.record.Rules;
import io.qiao.sync.SyncJob;
import io.qiao.sync.jdbc.JdbcUpsertSink;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one job: source, validation, mapping and sink. Its checkpoint and dead-letter stores, lease, metrics and
 * alerts come pre-wired from {@link SyncJobs}; its schedule from {@code qiao.jobs.jackyun-warehouses.*}.
 */
@Configuration(proxyBeanMethods = false)
public class WarehousesJob {
    /** The name {@code qiao.jobs.<name>.*} refers to. */
    public static final String NAME = "jackyun-warehouses";

    /** One row of the {@code warehouse} table (schema.sql); component names become its snake_case columns. */
    public record WarehouseRow(String warehouseCode, String warehouseName, int status) {
        static WarehouseRow from(Warehouse w) {
            return new WarehouseRow(w.warehouseCode(), w.warehouseName(), w.blockup() ? 0 : 1);
        }
    }

    @Bean
    SyncJob<Warehouse, WarehouseRow> jackyunWarehouses(SyncJobs jobs, JackyunClient jackyun, DataSource db) {
        return jobs.builder(NAME)
                .source(JackyunSources.warehouses(jackyun))
                .validate(Rules.<Warehouse>all(
                        Rules.required("warehouseCode", Warehouse::warehouseCode),
                        Rules.maxLength("warehouseCode", Warehouse::warehouseCode, 64)))
                .map(WarehouseRow::from)
                .sink(JdbcUpsertSink.<WarehouseRow>into(db, "warehouse").key("warehouse_code").build())
                .keyOf(JackyunSources::keyOf)
                .recordType(Warehouse.class)
                .build();
    }
}
