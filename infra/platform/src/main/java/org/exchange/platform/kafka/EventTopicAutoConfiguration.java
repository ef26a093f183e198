package org.exchange.platform.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure the event topic exists before any processor uses it. A consumer that starts before
 * the topic exists has no partitions to read, and its tracking processor backs off exponentially
 * (up to a minute) before looking again; a topic auto-created by the first publication would also
 * get the broker's defaults instead of ours. Runs during context refresh, before processors start.
 * A broker that cannot be reached is not fatal: commands must not depend on Kafka.
 */
@AutoConfiguration
@ConditionalOnClass(Admin.class)
@ConditionalOnProperty("axon.kafka.default-topic")
public class EventTopicAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventTopicAutoConfiguration.class);

    @Bean
    InitializingBean eventTopic(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                                @Value("${axon.kafka.default-topic}") String topic,
                                @Value("${exchange.kafka.event-topic-partitions:6}") int partitions,
                                @Value("${exchange.kafka.event-topic-replication:1}") short replication) {
        return () -> {
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                // the topic is the event store republished: projections and streams rebuild from its
                // start, so nothing on it may expire (the broker default is seven days)
                admin.createTopics(List.of(new NewTopic(topic, partitions, replication)
                                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"))))
                        .all().get(15, TimeUnit.SECONDS);
                log.info("created event topic {} with {} partitions", topic, partitions);
            } catch (ExecutionException failure) {
                if (!(failure.getCause() instanceof TopicExistsException)) {
                    log.warn("could not make sure event topic {} exists: {}", topic, failure.getCause().toString());
                }
            } catch (TimeoutException unreachable) {
                log.warn("Kafka at {} did not answer; event topic {} not checked", bootstrapServers, topic);
            }
        };
    }
}
