package io.tfmesh.observe;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.introspect.IntrospectClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ObservationConfiguration {

	/**
	 * Threads that wait on cluster APIs. Bounded, because a fleet of slow clusters must not
	 * exhaust the machine; each call has its own timeout, so a thread is never held for long.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService fabricExecutor(FabricSettings settings) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("fabric-");
		threads.setDaemon(true);
		// an observation reads about ten sources at once; more clusters at a time need more threads
		int size = Math.max(32, 4 * settings.observeParallelism());
		ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * The clusters being observed on schedule, {@code tfmesh.fabric.observe-parallelism} at a
	 * time; the others wait for their turn.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService observationExecutor(FabricSettings settings) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("observe-");
		threads.setDaemon(true);
		int parallelism = settings.observeParallelism();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(parallelism, parallelism, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	@Bean
	IntrospectClient introspectClient(FabricSettings settings) {
		return new IntrospectClient(settings);
	}

}
