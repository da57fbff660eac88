package io.tfmesh.health;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.introspect.IntrospectClient;
import io.tfmesh.observe.ProcessHealthReader;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	/** Clusters polled at the same time; their reads share {@link #healthReads}. */
	static final int CLUSTERS_AT_ONCE = 4;

	/**
	 * The introspect and container reads of every poll, {@code tfmesh.health.parallelism} at a
	 * time: a fleet of silent ports holds these threads, never the observation's.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService healthReads(HealthSettings settings) {
		return pool("health-read-", settings.parallelism());
	}

	@Bean(destroyMethod = "shutdownNow")
	ExecutorService healthPolls() {
		return pool("health-poll-", CLUSTERS_AT_ONCE);
	}

	/** Introspect with the health collectors' own request timeout. */
	@Bean
	ProcessHealthReader healthReader(FabricSettings fabric, HealthSettings settings, Clock clock) {
		return new ProcessHealthReader(new IntrospectClient(timeouts(fabric, settings)), clock);
	}

	/** The control nodes' neighbors, with the same timeouts. */
	@Bean
	BgpNeighborReader healthNeighbors(FabricSettings fabric, HealthSettings settings, Clock clock) {
		return new BgpNeighborReader(new IntrospectClient(timeouts(fabric, settings)), clock);
	}

	private static FabricSettings timeouts(FabricSettings fabric, HealthSettings settings) {
		return new FabricSettings(min(fabric.connectTimeout(), settings.requestTimeout()), settings.requestTimeout(),
				fabric.retries(), fabric.observationTimeout(), fabric.observeInterval(), fabric.retryDelay(),
				fabric.retryJitter(), fabric.retryMaxDelay(), fabric.observeParallelism(), fabric.clientPoolSize());
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private static ExecutorService pool(String prefix, int size) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

}
