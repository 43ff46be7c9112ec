package io.qiao.samples.boot;

import io.qiao.testkit.jackyun.JackyunSimulator;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * 吉客云 warehouses into the application's database, every minute, with metrics, health and the {@code qiao}
 * endpoint. Everything Qiao needs comes from {@code application.properties}; the only code is the job
 * ({@link WarehousesJob}).
 *
 * <p>Out of the box it runs on the 吉客云 simulator (started here) and an in-memory H2 database. Against a real tenant,
 * set {@code QIAO_JACKYUN_ENDPOINT}, {@code QIAO_JACKYUN_APP_KEY}, {@code QIAO_JACKYUN_APP_SECRET} and a
 * {@code spring.datasource.*}: the simulator is then not started.
 */
@SpringBootApplication
public class WarehousesApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WarehousesApplication.class);
        if (System.getenv("QIAO_JACKYUN_ENDPOINT") == null) {
            JackyunSimulator simulator = JackyunSimulator.builder().build().start();
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "jackyun-simulator-stop"));
            // Default properties rank lowest: anything set in application.properties, the environment or the
            // command line wins.
            app.setDefaultProperties(simulatorProperties(simulator));
        }
        app.run(args);
    }

    /** The qiao.jackyun.* properties of a running simulator. */
    static Map<String, Object> simulatorProperties(JackyunSimulator simulator) {
        return Map.of("qiao.jackyun.endpoint", simulator.endpoint().toString(),
                "qiao.jackyun.app-key", simulator.appKey(),
                "qiao.jackyun.app-secret", simulator.appSecret());
    }
}
