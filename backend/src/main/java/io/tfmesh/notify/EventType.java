package io.tfmesh.notify;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can receive. */
public enum EventType {

	CLUSTER_HEALTH_CHANGED("cluster-health-changed", "A cluster turned unhealthy, or healthy again"),

	DIAGNOSIS_FOUND("diagnosis-found", "A known failure was diagnosed"),

	PLAN_AWAITS_APPROVAL("plan-awaits-approval", "A plan awaits approval"),

	/** Sent on request to one webhook, whatever it subscribed to. */
	TEST("test", "A test event, sent on request");

	private final String id;

	private final String description;

	EventType(String id, String description) {
		this.id = id;
		this.description = description;
	}

	public String id() {
		return id;
	}

	public String description() {
		return description;
	}

	/** Whether a webhook can subscribe to it. */
	public boolean subscribable() {
		return this != TEST;
	}

	public static Optional<EventType> of(String id) {
		return Arrays.stream(values()).filter(type -> type.id.equals(id)).findFirst();
	}

}
