package io.tfmesh.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tfmesh.health.ClusterHealthChanged;
import io.tfmesh.health.DiagnosisFound;
import io.tfmesh.plan.PlanAwaitsApproval;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into deliveries, one per subscribed webhook, written in the transaction that
 * published the event: the event is delivered exactly when its cause is committed. An event
 * published outside a transaction is written at once. Once written, the sender is woken.
 */
@Component
class EventOutbox {

	private final WebhookStore webhooks;

	private final DeliveryStore deliveries;

	private final DeliverySender sender;

	private final JsonMapper json;

	private final Clock clock;

	EventOutbox(WebhookStore webhooks, DeliveryStore deliveries, DeliverySender sender, JsonMapper json, Clock clock) {
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.sender = sender;
		this.json = json;
		this.clock = clock;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(ClusterHealthChanged event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("clusterId", event.clusterId());
		data.put("clusterName", event.clusterName());
		data.put("healthy", event.healthy());
		data.put("verdict", event.verdict());
		publish(EventType.CLUSTER_HEALTH_CHANGED, event.at(), data);
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(DiagnosisFound event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("clusterId", event.clusterId());
		data.put("clusterName", event.clusterName());
		data.put("code", event.code());
		data.put("node", event.node());
		data.put("cause", event.cause());
		publish(EventType.DIAGNOSIS_FOUND, event.at(), data);
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void on(PlanAwaitsApproval event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("planId", event.planId());
		data.put("title", event.title());
		data.put("changes", event.changes());
		data.put("submittedBy", event.submittedBy());
		data.put("meshId", event.meshId());
		data.put("clusterId", event.clusterId());
		data.put("path", "/plans/" + event.planId());
		publish(EventType.PLAN_AWAITS_APPROVAL, event.at(), data);
	}

	/** Queues a test event for one webhook, whatever it subscribed to. */
	UUID test(WebhookView webhook, String requestedBy) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("webhookId", webhook.id());
		data.put("webhookName", webhook.name());
		data.put("requestedBy", requestedBy);
		Event event = new Event(UUID.randomUUID(), EventType.TEST, clock.instant(), data);
		deliveries.insert(webhook.id(), event.id(), event.type(), event.json(json), clock.instant());
		wakeAfterCommit();
		return event.id();
	}

	private void publish(EventType type, Instant at, Map<String, Object> data) {
		List<Long> targets = webhooks.subscribedTo(type);
		if (targets.isEmpty()) {
			return;
		}
		Event event = new Event(UUID.randomUUID(), type, at, data);
		String payload = event.json(json);
		Instant now = clock.instant();
		targets.forEach(webhook -> deliveries.insert(webhook, event.id(), type, payload, now));
		wakeAfterCommit();
	}

	private void wakeAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					sender.wake();
				}
			});
		}
		else {
			sender.wake();
		}
	}

}
