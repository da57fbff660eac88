package io.tfmesh.fabric;

import java.time.Duration;

import io.tfmesh.system.retry.Retrying;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tfmesh talks to clusters.
 *
 * <p>Requests to the TF config API that fail in a way worth another try are retried with
 * exponential backoff and jitter: a GET, PUT or DELETE, or a POST that only looks something up,
 * after a 502, 503 or 504, a refused or timed-out connection, or a connection lost before the
 * answer; a POST that creates an object only after first reading back whether the failed
 * attempt created it (see {@code TfTransport}). With the defaults the first retry waits 200 to
 * 300 ms and the second 200 to 600 ms.
 *
 * @param connectTimeout to open a connection to any cluster API
 * @param requestTimeout for one request to answer
 * @param retries attempts after the first when the TF config API fails in a way worth retrying;
 * 0 turns retrying off
 * @param observationTimeout for a whole observation of one cluster, all sources together
 * @param observeInterval how often every cluster is observed again; 0 turns it off
 * @param retryDelay the wait before the first retry; each further retry waits twice as long
 * @param retryJitter the random spread of the first wait, growing with the wait (Spring's
 * jitter: the n-th wait w lies within w ± jitter × w / retryDelay, and never below retryDelay)
 * @param retryMaxDelay the longest wait between two attempts
 * @param observeParallelism how many clusters the scheduled observation reads at the same time
 * @param clientPoolSize how many clusters keep a Kubernetes and a TF config API client between
 * calls; the least recently used beyond that are closed and built again when next needed
 */
@ConfigurationProperties("tfmesh.fabric")
public record FabricSettings(@DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("2") int retries, @DefaultValue("20s") Duration observationTimeout,
		@DefaultValue("5m") Duration observeInterval, @DefaultValue("200ms") Duration retryDelay,
		@DefaultValue("100ms") Duration retryJitter, @DefaultValue("2s") Duration retryMaxDelay,
		@DefaultValue("8") int observeParallelism, @DefaultValue("64") int clientPoolSize) {

	public static final Duration DEFAULT_RETRY_DELAY = Duration.ofMillis(200);

	public static final Duration DEFAULT_RETRY_JITTER = Duration.ofMillis(100);

	public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(2);

	public static final int DEFAULT_OBSERVE_PARALLELISM = 8;

	public static final int DEFAULT_CLIENT_POOL_SIZE = 64;

	/** Each retry of the TF config API waits this many times as long as the one before. */
	public static final double RETRY_MULTIPLIER = 2.0;

	@ConstructorBinding
	public FabricSettings {
		// refuses a negative or inconsistent setting at start-up rather than at the first retry
		retryBackoff(retries, retryDelay, retryJitter, retryMaxDelay);
		if (observeParallelism < 1) {
			throw new IllegalArgumentException("tfmesh.fabric.observe-parallelism must be at least 1");
		}
		if (clientPoolSize < 1) {
			throw new IllegalArgumentException("tfmesh.fabric.client-pool-size must be at least 1");
		}
	}

	/** The default parallelism and client pool with the given time bounds and backoff. */
	public FabricSettings(Duration connectTimeout, Duration requestTimeout, int retries, Duration observationTimeout,
			Duration observeInterval, Duration retryDelay, Duration retryJitter, Duration retryMaxDelay) {
		this(connectTimeout, requestTimeout, retries, observationTimeout, observeInterval, retryDelay, retryJitter,
				retryMaxDelay, DEFAULT_OBSERVE_PARALLELISM, DEFAULT_CLIENT_POOL_SIZE);
	}

	/** The default backoff with the given time bounds, for connector tests. */
	public FabricSettings(Duration connectTimeout, Duration requestTimeout, int retries, Duration observationTimeout,
			Duration observeInterval) {
		this(connectTimeout, requestTimeout, retries, observationTimeout, observeInterval, DEFAULT_RETRY_DELAY,
				DEFAULT_RETRY_JITTER, DEFAULT_RETRY_MAX_DELAY);
	}

	/** Settings for connector tests and tools outside a Spring context. */
	public static FabricSettings defaults() {
		return new FabricSettings(Duration.ofSeconds(3), Duration.ofSeconds(10), 2, Duration.ofSeconds(20),
				Duration.ofMinutes(5));
	}

	/** How the TF config API client waits between attempts. */
	public Retrying.Backoff retryBackoff() {
		return retryBackoff(retries, retryDelay, retryJitter, retryMaxDelay);
	}

	private static Retrying.Backoff retryBackoff(int retries, Duration delay, Duration jitter, Duration maxDelay) {
		return new Retrying.Backoff(retries, delay, RETRY_MULTIPLIER, jitter, maxDelay);
	}

}
