package io.tfmesh.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tfmesh.secret.SecretCipher;
import io.tfmesh.secret.SecretUnreadableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: on a fixed delay, and at once when an event was committed. Each of at
 * most {@code threads} workers claims one delivery at a time, sends it and writes the outcome,
 * until none is due; a failed attempt is due again after the backoff, until the last attempt
 * gives it up.
 */
@Component
class DeliverySender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

	private final DeliveryStore deliveries;

	private final WebhookStore webhooks;

	private final WebhookClient client;

	private final SecretCipher cipher;

	private final NotifySettings settings;

	private final Clock clock;

	/** Names this instance in claimed_by: unique among instances, and among restarts of one. */
	private final String instance = ProcessHandle.current().pid() + "-" + UUID.randomUUID();

	private final AtomicInteger workers = new AtomicInteger();

	private volatile boolean running;

	private ScheduledExecutorService ticker;

	private ExecutorService pool;

	DeliverySender(DeliveryStore deliveries, WebhookStore webhooks, WebhookClient client, SecretCipher cipher,
			NotifySettings settings, Clock clock) {
		this.deliveries = deliveries;
		this.webhooks = webhooks;
		this.client = client;
		this.cipher = cipher;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		ticker = Executors.newSingleThreadScheduledExecutor(threads("webhook-poll-"));
		pool = Executors.newFixedThreadPool(settings.threads(), threads("webhook-send-"));
		running = true;
		long interval = settings.pollInterval().toMillis();
		ticker.scheduleWithFixedDelay(this::wake, interval, interval, TimeUnit.MILLISECONDS);
		ticker.scheduleWithFixedDelay(this::prune, 1, 60, TimeUnit.MINUTES);
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (ticker == null) {
			return;
		}
		ticker.shutdownNow();
		pool.shutdown();
		try {
			// a send in flight finishes and records its outcome; one cut short is claimed again later
			pool.awaitTermination(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private static CustomizableThreadFactory threads(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

	/**
	 * Starts a worker, unless all are busy; it drains what is due, and each delivery it finds
	 * starts another, so that a backlog is sent by all of them and an idle tick costs one query.
	 */
	void wake() {
		if (!running) {
			return;
		}
		while (true) {
			int busy = workers.get();
			if (busy >= settings.threads()) {
				return;
			}
			if (workers.compareAndSet(busy, busy + 1)) {
				break;
			}
		}
		try {
			pool.execute(() -> {
				try {
					while (running && sendOne()) {
						// keep draining
					}
				}
				catch (RuntimeException ex) {
					log.warn("webhook deliveries could not be read or written: {}", ex.getMessage());
				}
				finally {
					workers.decrementAndGet();
				}
			});
		}
		catch (RuntimeException ex) {
			workers.decrementAndGet();
		}
	}

	/** Forgets the deliveries that finished longer ago than the settings keep them. */
	int prune() {
		try {
			return deliveries.prune(clock.instant().minus(settings.keep()));
		}
		catch (RuntimeException ex) {
			log.warn("old webhook deliveries could not be deleted: {}", ex.getMessage());
			return 0;
		}
	}

	/** Claims, sends and records one due delivery; false when none was due. */
	boolean sendOne() {
		Instant now = clock.instant();
		Optional<DeliveryStore.Claimed> claimed = deliveries.claim(instance, now, now.plus(settings.claim()));
		if (claimed.isEmpty()) {
			return false;
		}
		DeliveryStore.Claimed delivery = claimed.get();
		// there may be more: another worker, while there is room, looks while this one sends
		wake();
		Optional<WebhookStore.Target> target = webhooks.target(delivery.webhookId());
		if (target.isEmpty()) {
			// deleted meanwhile: its deliveries went with it
			return true;
		}
		String secret;
		try {
			secret = cipher.decrypt(target.get().secret(), WebhookService.SECRET);
		}
		catch (SecretUnreadableException ex) {
			record(delivery, new WebhookClient.Outcome(null,
					"the webhook's secret cannot be decrypted with this instance's secret key; set the secret again"));
			return true;
		}
		record(delivery, client.post(target.get().url(), delivery, secret));
		return true;
	}

	private void record(DeliveryStore.Claimed delivery, WebhookClient.Outcome outcome) {
		Instant at = clock.instant();
		boolean kept;
		if (outcome.delivered()) {
			kept = deliveries.delivered(delivery.id(), instance, outcome.status(), at);
		}
		else {
			int attempts = delivery.attempts() + 1;
			Instant next = attempts >= settings.maxAttempts() ? null : at.plus(settings.backoff(attempts));
			kept = deliveries.failed(delivery.id(), instance, outcome.status(), outcome.error(), at, next);
		}
		if (!kept) {
			log.warn("delivery {} was claimed by another instance while it was sent", delivery.id());
		}
	}

}
